/** A QR code as an image a page can show (a GIF data URL: allowed by the CSP's img-src). */
import qrcode from "qrcode-generator";

/** Error correction M: survives a smudged projector screen; 6 px cells, a quiet zone of 4 cells. */
export function qrDataUrl(text: string): string {
  const qr = qrcode(0, "M");
  qr.addData(text);
  qr.make();
  return qr.createDataURL(6, 4);
}

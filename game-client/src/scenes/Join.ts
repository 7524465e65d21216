import { Scene } from "phaser";
import { session } from "../net/app";
import { clearUi, formCard, h, mount } from "../ui/dom";

/** A student joins with the code on the big screen and a nickname. */
export class Join extends Scene {
  constructor() {
    super("Join");
  }

  create(): void {
    const code = h("input", {
      id: "code",
      class: "code",
      maxlength: 5,
      autocomplete: "off",
      placeholder: "CODE",
      "aria-label": "Class code",
    });
    const nick = h("input", {
      id: "nickname",
      maxlength: 16,
      autocomplete: "nickname",
      placeholder: "Your nickname",
      "aria-label": "Nickname",
    });
    nick.value = localStorage.getItem("nickname") ?? "";
    const card = formCard({
      id: "join-form",
      title: "Join a class",
      fields: [h("label", {}, "Class code", code), h("label", {}, "Nickname", nick)],
      submitId: "join-go",
      submitLabel: "Join",
      submitClass: "swarm",
      onBack: () => this.scene.start("Menu"),
      submit: async (form) => {
        if (code.value.trim().length !== 5) return form.fail("The class code has 5 letters and digits.");
        if (!nick.value.trim()) return form.fail("Choose a nickname.");
        await session.joinClass(code.value, nick.value.trim());
        localStorage.setItem("nickname", nick.value.trim());
        this.scene.start("Lobby");
      },
    });
    mount(card.form);
    const fromUrl = new URLSearchParams(location.search).get("code");
    if (fromUrl) code.value = fromUrl.toUpperCase();
    (fromUrl ? nick : code).focus();
    this.events.once("shutdown", clearUi);
  }
}

import { Scene } from "phaser";
import { session } from "../app";
import { clearUi, h, mount } from "../ui/dom";

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
    const error = h("p", { class: "error-text", id: "join-error", role: "alert" });
    const submit = h("button", { id: "join-go", class: "big swarm", type: "submit" }, "Join");
    const form = h(
      "form",
      { class: "card stack", id: "join-form" },
      h("h1", {}, "Join a class"),
      h("label", {}, "Class code", code),
      h("label", {}, "Nickname", nick),
      error,
      h(
        "div",
        { class: "row" },
        submit,
        h("button", { type: "button", class: "secondary", onclick: () => this.scene.start("Menu") }, "Back"),
      ),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      error.textContent = "";
      if (code.value.trim().length !== 5) {
        error.textContent = "The class code has 5 letters and digits.";
        return;
      }
      if (!nick.value.trim()) {
        error.textContent = "Choose a nickname.";
        return;
      }
      submit.disabled = true;
      submit.textContent = "Joining…";
      try {
        await session.joinClass(code.value, nick.value.trim());
        localStorage.setItem("nickname", nick.value.trim());
        this.scene.start("Lobby");
      } catch (err) {
        error.textContent = err instanceof Error ? err.message : String(err);
        submit.disabled = false;
        submit.textContent = "Join";
      }
    });
    mount(form);
    const fromUrl = new URLSearchParams(location.search).get("code");
    if (fromUrl) code.value = fromUrl.toUpperCase();
    (fromUrl ? nick : code).focus();
    this.events.once("shutdown", clearUi);
  }
}

package dev.mailflow.web;

import dev.mailflow.probe.Requester;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the menu of every page offers the signed-in user: the tokens page only to an ADMIN. */
@ControllerAdvice(annotations = Controller.class)
class Menu {

    private final Requester.Current requester;

    Menu(Requester.Current requester) {
        this.requester = requester;
    }

    @ModelAttribute("menuAdmin")
    boolean admin() {
        try {
            return requester.get().seesEveryRun();
        } catch (RuntimeException notSignedIn) {
            // The sign-in page: nobody is signed in yet, so the menu offers nothing more.
            return false;
        }
    }
}

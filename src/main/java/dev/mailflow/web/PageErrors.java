package dev.mailflow.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** Friendly pages for what a person can run into; anything else is Boot's error page (no trace). */
@ControllerAdvice(
        assignableTypes = {
            FormController.class,
            RunController.class,
            EscalationController.class,
            CodesController.class,
            InboxPages.class
        })
class PageErrors {

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e) {
        var page = new ModelAndView("error/404")
                .addObject("message", e.getMessage())
                .addObject("mayHaveExpired", e.mayHaveExpired());
        page.setStatus(HttpStatus.NOT_FOUND);
        return page;
    }
}

package dev.mailflow.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
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
            InboxPages.class,
            HistoryController.class
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

    /** The database does not answer (see {@link ApiErrors#databaseDown}): a page that says so. */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ModelAndView databaseDown(DataAccessException e, HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, ApiErrors.DATABASE_RETRY_AFTER);
        var page = new ModelAndView("error/503");
        page.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
        return page;
    }
}

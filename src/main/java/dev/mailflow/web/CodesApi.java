package dev.mailflow.web;

import dev.mailflow.diagnosis.CodeEntry;
import dev.mailflow.diagnosis.Knowledge;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** One reply code as JSON; unknown codes are a 404 problem. */
@RestController
class CodesApi {

    private final Knowledge knowledge;

    CodesApi(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    @GetMapping("/api/codes/{code}")
    CodeEntry code(@PathVariable String code) {
        return knowledge
                .lookup(code)
                .orElseThrow(() -> new NotFoundException("mailflow knows no such reply code.", false));
    }
}

package cn.pipelinetracker.query.publication;

import cn.pipelinetracker.query.dashboard.PageHtml;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The pages of published figures: the list and one publication (one static page, drawn by publications.js). */
@Controller
public class PublicationPages {

    private final PageHtml page = new PageHtml("dashboard/publications.html");

    @GetMapping({"/dashboard/publications", "/dashboard/publications/{id}"})
    @ResponseBody
    ResponseEntity<String> publications(CsrfToken csrf) {
        return page.render(csrf);
    }
}

package cn.pipelinetracker.query.audit;

import cn.pipelinetracker.query.dashboard.PageHtml;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The auditor's desk (issue 22): one static page ({@code static/audit/index.html}) whose script shows the global log
 * with filters, an event's detail with its hashes, verification on demand, the public key and the export links — all
 * from the audit endpoints, which answer AUDITOR and ADMIN only (the page says so to anyone else).
 */
@Controller
public class AuditPageController {

    private final PageHtml page = new PageHtml("audit/index.html");

    @GetMapping("/audit")
    @ResponseBody
    ResponseEntity<String> page(CsrfToken csrf) {
        return page.render(csrf);
    }
}

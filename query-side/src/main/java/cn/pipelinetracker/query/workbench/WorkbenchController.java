package cn.pipelinetracker.query.workbench;

import cn.pipelinetracker.query.dashboard.PageHtml;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The clerk's workbench (issue 14): one static page ({@code static/workbench/index.html}) whose script draws the view
 * its path names — my projects, register, a project, the monthly progress grid, the ledger import — from the contract's query endpoints
 * and sends its commands with the page's session and CSRF token. Every signed-in role may open it; only a clerk (in
 * its region) and an admin are offered commands, as the API itself allows.
 */
@Controller
public class WorkbenchController {

    private final PageHtml page = new PageHtml("workbench/index.html");

    @GetMapping({"/workbench", "/workbench/register", "/workbench/progress", "/workbench/projects/{id}",
            "/workbench/ledger", "/workbench/campaigns"})
    @ResponseBody
    ResponseEntity<String> page(CsrfToken csrf) {
        return page.render(csrf);
    }
}

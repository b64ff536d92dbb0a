package cn.pipelinetracker.query.reference;

import cn.pipelinetracker.platform.reference.Industry;
import cn.pipelinetracker.platform.reference.IndustryList;
import cn.pipelinetracker.platform.reference.Region;
import cn.pipelinetracker.platform.reference.RegionTree;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The bundled reference data: every region (parents before children) and every industry. */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
public class ReferenceDataController {

    private final RegionTree regions;
    private final IndustryList industries;

    public ReferenceDataController(RegionTree regions, IndustryList industries) {
        this.regions = regions;
        this.industries = industries;
    }

    @GetMapping("/regions")
    List<Region> regions() {
        return regions.all();
    }

    @GetMapping("/industries")
    List<Industry> industries() {
        return industries.all();
    }
}

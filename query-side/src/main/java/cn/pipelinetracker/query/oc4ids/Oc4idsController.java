package cn.pipelinetracker.query.oc4ids;

import cn.pipelinetracker.platform.PipelineProperties;
import cn.pipelinetracker.platform.reference.IndustryList;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.security.CurrentUser;
import cn.pipelinetracker.platform.web.ProblemException;
import cn.pipelinetracker.query.position.AwaitPosition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Optional;

/**
 * The projects of a region subtree as an OC4IDS 0.9.4 project package, for development banks and transparency
 * portals (docs/decisions/0015-oc4ids.md). Streamed: one project is in memory at a time, whatever the region's size.
 */
@RestController
public class Oc4idsController {

    static final String VERSION = "0.9";

    private final Oc4idsProjects projects;
    private final Oc4idsMapping mapping;
    private final AwaitPosition awaitPosition;
    private final RegionTree regions;
    private final CurrentUser currentUser;
    private final JsonMapper json;
    private final String publisherName;

    public Oc4idsController(Oc4idsProjects projects, AwaitPosition awaitPosition, RegionTree regions,
                            IndustryList industries, CurrentUser currentUser, JsonMapper json,
                            PipelineProperties pipeline,
                            @Value("${pipeline.oc4ids.id-prefix:oc4ids-unregistered-}") String idPrefix,
                            @Value("${pipeline.oc4ids.publisher-name:Pipeline Tracker}") String publisherName) {
        this.projects = projects;
        this.mapping = new Oc4idsMapping(idPrefix, pipeline.zone(), regions, industries);
        this.awaitPosition = awaitPosition;
        this.regions = regions;
        this.currentUser = currentUser;
        this.json = json;
        this.publisherName = publisherName;
    }

    /** 204 when no project is selected: the standard's package needs at least one. */
    @GetMapping(path = "/api/v1/oc4ids/projects", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StreamingResponseBody> projects(@RequestParam(required = false) String regionCode,
                                                   @RequestParam(required = false) Instant updatedAfter,
                                                   @RequestParam(required = false) Long awaitPosition) {
        if (regionCode != null && !regions.contains(regionCode)) {
            throw ProblemException.unknownRegion(regionCode);
        }
        String region = regionCode == null ? currentUser.regionCode() : regionCode;
        currentUser.requireRegion(region);
        this.awaitPosition.await(awaitPosition);
        var selection = new Oc4idsProjects.Selection(regions.subtree(region), updatedAfter);
        Optional<Instant> lastUpdated = projects.lastUpdated(selection);
        if (lastUpdated.isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        String uri = ServletUriComponentsBuilder.fromCurrentRequest().build().toUriString();
        StreamingResponseBody body = out -> {
            try (JsonGenerator generator = json.createGenerator(out)) {
                generator.writeStartObject();
                generator.writeStringProperty("uri", uri);
                generator.writeName("publisher");
                generator.writeStartObject();
                generator.writeStringProperty("name", publisherName);
                generator.writeEndObject();
                // generated on demand: the standard asks for the instant of the last change to what it holds
                generator.writeStringProperty("publishedDate", lastUpdated.get().toString());
                generator.writeStringProperty("version", VERSION);
                generator.writeName("projects");
                generator.writeStartArray();
                projects.forEach(selection, row -> json.writeValue(generator, mapping.project(row)));
                generator.writeEndArray();
                generator.writeEndObject();
            }
        };
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}

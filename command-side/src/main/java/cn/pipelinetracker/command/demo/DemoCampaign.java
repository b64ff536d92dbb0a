package cn.pipelinetracker.command.demo;

import cn.pipelinetracker.command.demo.DemoProject.Step;
import cn.pipelinetracker.events.CampaignBucket;

import java.time.LocalDate;
import java.util.List;

/**
 * A campaign of the demo: planned, its projects enrolled, then what happened to some of them before it was held
 * ({@code beforeHold}: a duplicate voided, which a campaign cannot enrol once voided), held; then what happened to its
 * projects after it was held ({@code afterHold}, in order), so that its follow-through is not trivial.
 */
record DemoCampaign(String key, String name, String regionCode, LocalDate heldOn, List<Enrolment> enrolments,
                    List<FollowUp> beforeHold, List<FollowUp> afterHold) {

    record Enrolment(String projectCode, CampaignBucket bucket) {
    }

    /** One more step of an enrolled project, recorded after its enrolment. */
    record FollowUp(String projectCode, Step step) {
    }
}

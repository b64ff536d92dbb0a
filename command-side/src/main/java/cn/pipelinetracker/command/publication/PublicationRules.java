package cn.pipelinetracker.command.publication;

import cn.pipelinetracker.command.handling.CrossProjectRule;
import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.reference.RegionTree;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** A figure is published for the actor's own region subtree. */
@Configuration(proxyBeanMethods = false)
class PublicationRules {

    @Bean
    @Order(1)
    CrossProjectRule<PublishFigureCommand> publicationInTheActorsRegion(RegionTree regions) {
        return CrossProjectRule.of(PublishFigureCommand.class, (publish, envelope) -> {
            String region = publish.regionCode().value();
            envelope.actor().requireRegion(regions, region, Phrase.of("subject.region", "Region " + region, region));
        });
    }
}

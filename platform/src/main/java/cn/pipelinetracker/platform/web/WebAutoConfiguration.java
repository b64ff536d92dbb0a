package cn.pipelinetracker.platform.web;

import cn.pipelinetracker.platform.reference.IndustryList;
import cn.pipelinetracker.platform.reference.RegionTree;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.annotation.Value;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.format.FormatterRegistry;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** HTTP JSON rules, the problem+json advice and the bundled reference data, for every process. */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
public class WebAutoConfiguration {

    /**
     * Strict request JSON: a misspelt field, a string where a number belongs, a fraction where a whole number
     * belongs or a null for a primitive is a 400, not a silent default. Money goes out as plain numbers.
     */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
    }

    /** {@link InputRules} for every JSON body's texts, dates and instants. */
    @Bean
    JsonMapperBuilderCustomizer strictInput() {
        return builder -> builder.addModule(new StrictInputModule());
    }

    /** {@link InputRules} for dates and instants in query parameters ({@code from}, {@code to}, {@code asOf}...). */
    @Bean
    WebMvcConfigurer strictQueryParameters() {
        return new WebMvcConfigurer() {
            @Override
            public void addFormatters(FormatterRegistry registry) {
                registry.addFormatterForFieldType(LocalDate.class, (date, locale) -> date.toString(),
                        (text, locale) -> InputRules.parseDate(text));
                registry.addFormatterForFieldType(Instant.class, (instant, locale) -> instant.toString(),
                        (text, locale) -> InputRules.parseInstant(text));
            }
        };
    }

    /** Checked before everything else, security included: nothing downstream ever sees text it cannot store. */
    @Bean
    FilterRegistrationBean<QueryTextFilter> queryTextFilter(JsonMapper json, ProblemMessages messages) {
        var registration = new FilterRegistrationBean<>(new QueryTextFilter(json, messages));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(JsonMapper json, ProblemMessages messages,
            @Value("${pipeline.http.max-body-size:1MB}") DataSize limit) {
        var registration = new FilterRegistrationBean<>(new BodySizeLimitFilter(limit.toBytes(), json, messages));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    @Bean
    ProblemErrorController problemErrorController(JsonMapper json, ProblemMessages messages) {
        return new ProblemErrorController(json, messages);
    }

    /** Chinese for {@code Accept-Language: zh…}, English for everything else, also where the JVM's locale differs. */
    @Bean(name = "localeResolver")
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                if (request.getHeader("Accept-Language") != null) {
                    for (Locale wanted : Collections.list(request.getLocales())) {
                        if (wanted.getLanguage().equals("zh")) {
                            return Locale.SIMPLIFIED_CHINESE;
                        }
                        if (wanted.getLanguage().equals("en")) {
                            return Locale.ENGLISH;
                        }
                    }
                }
                return Locale.ENGLISH;
            }
        };
        resolver.setDefaultLocale(Locale.ENGLISH);
        return resolver;
    }

    @Bean
    ProblemMessages problemMessages(MessageSource messageSource, LocaleResolver localeResolver) {
        return new ProblemMessages(messageSource, localeResolver);
    }

    /** Tomcat's own refusals (oversized headers, an encoded '/' in the path) as problem+json too. */
    @Bean
    @ConditionalOnClass(name = "org.apache.catalina.valves.ErrorReportValve")
    TomcatContextCustomizer problemErrorReports() {
        return context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        };
    }

    @Bean
    ProblemAdvice problemAdvice(ProblemMessages messages) {
        return new ProblemAdvice(messages);
    }

    @Bean
    RegionTree regionTree() {
        return RegionTree.bundled();
    }

    @Bean
    IndustryList industryList() {
        return IndustryList.bundled();
    }
}

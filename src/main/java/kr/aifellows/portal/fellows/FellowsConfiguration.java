package kr.aifellows.portal.fellows;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FellowsProperties.class)
class FellowsConfiguration {

}

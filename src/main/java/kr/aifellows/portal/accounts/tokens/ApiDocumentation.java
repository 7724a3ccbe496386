package kr.aifellows.portal.accounts.tokens;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 document of the REST API (served at {@code /api/v1/openapi.json},
 * browsable at {@code /api/docs}): its title and the bearer scheme of personal access
 * tokens.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	@Bean
	OpenAPI portalApi() {
		return new OpenAPI()
			.info(new Info().title("AI Fellowship Portal API")
				.version("v1")
				.description("Personal access tokens (Account → API tokens) in Authorization: Bearer. "
						+ "Errors are RFC 9457 problem details in the language of Accept-Language (ko, en). "
						+ "Lists are paged (page, size ≤ 100) with links in the body and a Link header. "
						+ "Each token may make portal.api.requests-per-minute requests a minute; past it 429 "
						+ "with Retry-After."))
			.components(new Components().addSecuritySchemes("token",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("afp_…")));
	}

	/**
	 * Every operation may answer 401 (no, unknown, revoked or expired token), 403 (the
	 * role or the token's scopes do not allow it) and 429 (rate limit, with Retry-After),
	 * each as a problem detail; operations with an id also 404.
	 */
	@Bean
	OpenApiCustomizer problemResponses() {
		return openApi -> {
			Schema<?> problem = new Schema<>().$ref("#/components/schemas/ProblemDetail");
			openApi.getComponents().addSchemas("ProblemDetail", problemSchema());
			openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
				add(operation.getResponses(), "401", "No valid token", problem);
				add(operation.getResponses(), "403", "The role or the token's scopes do not allow this", problem);
				add(operation.getResponses(), "429", "Over the token's rate limit; see Retry-After", problem);
				if (path.contains("{")) {
					add(operation.getResponses(), "404", "Not found (or not the caller's)", problem);
				}
			}));
		};
	}

	private static void add(ApiResponses responses, String status, String description, Schema<?> problem) {
		if (!responses.containsKey(status)) {
			responses.addApiResponse(status, new ApiResponse().description(description)
				.content(new Content().addMediaType("application/problem+json", new MediaType().schema(problem))));
		}
	}

	/** RFC 9457 members and the portal's own (code, field, limit, requested, allowed). */
	private static Schema<?> problemSchema() {
		Schema<Object> schema = new Schema<>();
		schema.type("object")
			.addProperty("type", new Schema<>().type("string").format("uri"))
			.addProperty("title", new Schema<>().type("string"))
			.addProperty("status", new Schema<>().type("integer"))
			.addProperty("detail", new Schema<>().type("string"))
			.addProperty("instance", new Schema<>().type("string"))
			.addProperty("code", new Schema<>().type("string"))
			.addProperty("field", new Schema<>().type("string"))
			.addProperty("limit", new Schema<>())
			.addProperty("requested", new Schema<>().type("integer"))
			.addProperty("allowed", new Schema<>().type("integer"))
			.addProperty("retryAfter", new Schema<>().type("integer"))
			.addProperty("errors",
					new Schema<>().type("array")
						.items(new Schema<>().type("object")
							.addProperty("field", new Schema<>().type("string"))
							.addProperty("constraint", new Schema<>().type("string"))
							.addProperty("limit", new Schema<>())
							.addProperty("detail", new Schema<>().type("string"))));
		return schema;
	}

}

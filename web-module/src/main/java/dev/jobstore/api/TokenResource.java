package dev.jobstore.api;

import dev.jobstore.token.ApiTokens;
import dev.jobstore.token.NewToken;
import dev.jobstore.token.TokenView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API tokens (admins): issue one (its secret is in this answer only), list them, revoke one. */
@Path("tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tokens", description = "API tokens (admin)")
public class TokenResource {

    @Inject
    ApiTokens tokens;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "issueToken",
            summary = "Issue a token; its secret is in this answer only",
            description = "Send the secret as `Authorization: Bearer <secret>`. Only its hash is stored.")
    @APIResponse(
            responseCode = "201",
            description = "The token, with its secret",
            content = @Content(schema = @Schema(implementation = TokenView.class)))
    public Response issue(NewToken request, @Context UriInfo uri) {
        TokenView issued = tokens.issue(request);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(issued.id().toString())
                        .build())
                .entity(issued)
                .build();
    }

    @GET
    @Operation(operationId = "listTokens", summary = "Every token (never a secret)")
    public List<TokenView> list() {
        return tokens.list();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "revokeToken", summary = "Revoke a token, on every node at once")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Response revoke(@PathParam("id") String id) {
        tokens.revoke(Params.tokenId(id));
        return Response.noContent().build();
    }
}

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

/** API tokens (admins): issue one (its secret is in this answer only), list them, revoke one. */
@Path("tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    ApiTokens tokens;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(NewToken request, @Context UriInfo uri) {
        TokenView issued = tokens.issue(request);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(issued.id().toString())
                        .build())
                .entity(issued)
                .build();
    }

    @GET
    public List<TokenView> list() {
        return tokens.list();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        tokens.revoke(Params.tokenId(id));
        return Response.noContent().build();
    }
}

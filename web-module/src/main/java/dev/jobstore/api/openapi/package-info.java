/**
 * The API's OpenAPI description, served by the server's MicroProfile OpenAPI at
 * {@code /openapi}: the paths, parameters and body schemas come from scanning the resources and
 * their {@code @Operation}s; this package adds what scanning cannot know, in one place each: the
 * document's front matter and security schemes ({@link ApiDocument}), and the problems each
 * operation may answer ({@link OperationProblems}, applied by {@link ProblemResponses}).
 */
package dev.jobstore.api.openapi;

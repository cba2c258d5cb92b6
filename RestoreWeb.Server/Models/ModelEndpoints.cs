using Microsoft.AspNetCore.Http.HttpResults;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Accounts;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Http;

namespace RestoreWeb.Server.Models;

public static class ModelEndpoints
{
    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/api/models").WithTags("Models").RequireAuthorization();
        models.MapGet("/production", Production);
        models.MapGet("/", List).RequireAuthorization(AccountsServiceCollectionExtensions.AdminPolicy);
        return app;
    }

    private static async Task<Results<Ok<ModelVersionDto>, ProblemHttpResult>> Production(IModelRegistry registry, CancellationToken cancellationToken)
    {
        var production = await registry.FindByAliasAsync(ModelAlias.Production, cancellationToken);
        return production is null
            ? Problems.Status(StatusCodes.Status404NotFound, "No model", ModelHealthCheck.NoModelInstalled)
            : TypedResults.Ok(ToDto(production, [ModelAlias.Production]));
    }

    private static async Task<Ok<ModelVersionDto[]>> List(IModelRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok((await registry.ListAsync(cancellationToken)).Select(m => ToDto(m.Version, m.Aliases)).ToArray());

    private static ModelVersionDto ToDto(ModelVersion version, IReadOnlyList<string> aliases) => new(
        version.Id, version.Name, version.Version, version.Sha256, version.SizeBytes, version.Status.ToString(), aliases,
        new DateTimeOffset(version.RegisteredAt, TimeSpan.Zero));
}

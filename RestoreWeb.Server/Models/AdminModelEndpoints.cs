using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Server.Accounts;
using RestoreWeb.Server.Http;
using RestoreWeb.Server.Security;

namespace RestoreWeb.Server.Models;

/// <summary>/api/admin/models, /api/admin/aliases and /api/admin/audit: the registry, the gate, the aliases and their log.</summary>
public static class AdminModelEndpoints
{
    /// <summary>Packages of the official preset are a few hundred megabytes; this leaves room without inviting abuse.</summary>
    public const long MaxPackageBytes = 2L * 1024 * 1024 * 1024;

    public static IEndpointRouteBuilder MapAdminModelEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Administration").RequireAuthorization(AccountsServiceCollectionExtensions.AdminPolicy);
        admin.MapGet("/models", List);
        admin.MapGet("/models/{id:guid}", Get);
        admin.MapPost("/models", Register).RequireAntiforgeryToken();
        admin.MapPost("/models/{id:guid}/validate", Validate);
        admin.MapPost("/models/{id:guid}/promote", Promote);
        admin.MapPost("/models/{id:guid}/archive", Archive);
        admin.MapDelete("/models/{id:guid}", Delete);
        admin.MapPost("/aliases/{alias}/rollback", Rollback);
        admin.MapGet("/audit", Audit);
        return app;
    }

    public static string Actor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.Name ?? user.Id();
    }

    private static async Task<Ok<IReadOnlyList<AdminModelVersionDto>>> List(ModelViews views, CancellationToken cancellationToken) =>
        TypedResults.Ok(await views.ListAsync(cancellationToken));

    private static async Task<Results<Ok<AdminModelVersionDto>, ProblemHttpResult>> Get(Guid id, ModelViews views, CancellationToken cancellationToken) =>
        await views.FindAsync(id, cancellationToken) is { } model ? TypedResults.Ok(model) : Problems.NotFound("This model version");

    /// <summary>multipart/form-data with the package in a part named "package"; the gate runs before the answer.</summary>
    private static async Task<Results<Created<ModelRegistrationDto>, Ok<ModelRegistrationDto>, ProblemHttpResult>> Register(
        HttpRequest request, ClaimsPrincipal user, IModelRegistry registry, ModelViews views, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = MaxPackageBytes + (64 * 1024);
        }
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Problems.BadRequest("Send the package as multipart/form-data with a file part named \"package\".");
        }
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, "package", StringComparison.Ordinal))
            {
                continue;
            }
            string fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "package.zip");
            try
            {
                var registration = await registry.RegisterAsync(section.Body, fileName, user.Actor(), cancellationToken);
                var dto = new ModelRegistrationDto((await views.FindAsync(registration.Version.Id, cancellationToken))!, registration.AlreadyRegistered);
                return registration.AlreadyRegistered ? TypedResults.Ok(dto) : TypedResults.Created($"/api/admin/models/{registration.Version.Id}", dto);
            }
            catch (ModelPackageException e)
            {
                return Problems.BadRequest(e.Message);
            }
        }
        return Problems.BadRequest("The request has no file part named \"package\".");
    }

    private static async Task<Results<Ok<AdminModelVersionDto>, ProblemHttpResult>> Validate(
        Guid id, IModelRegistry registry, ModelViews views, CancellationToken cancellationToken)
    {
        try
        {
            await registry.ValidateAsync(id, cancellationToken);
            return TypedResults.Ok((await views.FindAsync(id, cancellationToken))!);
        }
        catch (ModelAdministrationException e)
        {
            return Problem(e);
        }
    }

    private static async Task<Results<Ok<AuditEntryDto>, ProblemHttpResult>> Promote(
        Guid id, PromoteRequest request, ClaimsPrincipal user, ModelAliasMoves moves, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(ModelViews.ToDto(await moves.PromoteAsync(id, request.Alias, request.Comment, user.Actor(), cancellationToken)));
        }
        catch (ModelAdministrationException e)
        {
            return Problem(e);
        }
    }

    private static async Task<Results<Ok<AuditEntryDto>, ProblemHttpResult>> Rollback(
        string alias, RollbackRequest request, ClaimsPrincipal user, ModelAliasMoves moves, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(ModelViews.ToDto(await moves.RollbackAsync(alias, request.Comment, user.Actor(), cancellationToken)));
        }
        catch (ModelAdministrationException e)
        {
            return Problem(e);
        }
    }

    private static async Task<Results<Ok<AdminModelVersionDto>, ProblemHttpResult>> Archive(
        Guid id, ArchiveRequest request, ClaimsPrincipal user, ModelAliasMoves moves, ModelViews views, CancellationToken cancellationToken)
    {
        try
        {
            await moves.ArchiveAsync(id, request.Comment, user.Actor(), cancellationToken);
            return TypedResults.Ok((await views.FindAsync(id, cancellationToken))!);
        }
        catch (ModelAdministrationException e)
        {
            return Problem(e);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, ClaimsPrincipal user, ModelAliasMoves moves, CancellationToken cancellationToken)
    {
        try
        {
            await moves.DeleteAsync(id, user.Actor(), cancellationToken);
            return TypedResults.NoContent();
        }
        catch (ModelAdministrationException e)
        {
            return Problem(e);
        }
    }

    private static async Task<Ok<IReadOnlyList<AuditEntryDto>>> Audit(ModelViews views, CancellationToken cancellationToken, int take = 200) =>
        TypedResults.Ok(await views.AuditAsync(take, cancellationToken));

    private static ProblemHttpResult Problem(ModelAdministrationException e) => e.StatusCode switch
    {
        StatusCodes.Status404NotFound => Problems.Status(e.StatusCode, "Not found", e.Message),
        StatusCodes.Status409Conflict => Problems.Conflict(e.Message),
        _ => Problems.BadRequest(e.Message),
    };
}

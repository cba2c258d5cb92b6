using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Http;
using RestoreWeb.Server.Photos;

namespace RestoreWeb.Server.Albums;

public static class AlbumEndpoints
{
    public static IEndpointRouteBuilder MapAlbumEndpoints(this IEndpointRouteBuilder app)
    {
        var albums = app.MapGroup("/api/albums").WithTags("Albums").RequireAuthorization();
        albums.MapGet("/", List);
        albums.MapPost("/", Create);
        albums.MapGet("/{albumId:guid}", Get);
        albums.MapPut("/{albumId:guid}", Rename);
        albums.MapDelete("/{albumId:guid}", Delete);
        albums.MapGet("/{albumId:guid}/download", AlbumArchive.Download);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<AlbumDto>>> List(ClaimsPrincipal user, RestoreWebDbContext db, AlbumViews views, CancellationToken cancellationToken)
    {
        string owner = user.Id();
        var albums = db.Albums.Where(a => a.OwnerId == owner).OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Id);
        return TypedResults.Ok(await views.ToDtosAsync(albums, cancellationToken));
    }

    private static async Task<Results<Created<AlbumDto>, ValidationProblem>> Create(
        CreateAlbumRequest request, ClaimsPrincipal user, RestoreWebDbContext db, AlbumViews views, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (AlbumNames.Validate(request.Name, out string problem) is not { } name)
        {
            return Problems.Validation("name", problem);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var album = new Album { Id = Guid.CreateVersion7(), OwnerId = user.Id(), Name = name, CreatedAt = now, UpdatedAt = now };
        db.Albums.Add(album);
        await db.SaveChangesAsync(cancellationToken);
        var dto = (await views.FindAsync(album.OwnerId, album.Id, cancellationToken))!;
        return TypedResults.Created($"/api/albums/{album.Id}", dto);
    }

    private static async Task<Results<Ok<AlbumDto>, ProblemHttpResult>> Get(
        Guid albumId, ClaimsPrincipal user, AlbumViews views, CancellationToken cancellationToken) =>
        await views.FindAsync(user.Id(), albumId, cancellationToken) is { } album ? TypedResults.Ok(album) : Problems.NotFound("This album");

    private static async Task<Results<Ok<AlbumDto>, ValidationProblem, ProblemHttpResult>> Rename(
        Guid albumId, RenameAlbumRequest request, ClaimsPrincipal user, RestoreWebDbContext db, AlbumViews views, TimeProvider clock, CancellationToken cancellationToken)
    {
        string owner = user.Id();
        var album = await db.Albums.FirstOrDefaultAsync(a => a.Id == albumId && a.OwnerId == owner, cancellationToken);
        if (album is null)
        {
            return Problems.NotFound("This album");
        }
        if (AlbumNames.Validate(request.Name, out string problem) is not { } name)
        {
            return Problems.Validation("name", problem);
        }
        album.Name = name;
        album.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await views.FindAsync(owner, albumId, cancellationToken))!);
    }

    /// <summary>Deletes the album with its photos, their jobs and every blob derived from them.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid albumId, ClaimsPrincipal user, RestoreWebDbContext db, PhotoDeletion deletion, CancellationToken cancellationToken)
    {
        string owner = user.Id();
        var album = await db.Albums.FirstOrDefaultAsync(a => a.Id == albumId && a.OwnerId == owner, cancellationToken);
        if (album is null)
        {
            return Problems.NotFound("This album");
        }
        await deletion.DeleteAlbumAsync(album, cancellationToken);
        return TypedResults.NoContent();
    }
}

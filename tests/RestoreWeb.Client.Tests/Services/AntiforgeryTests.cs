using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;
using RestoreWeb.Client.Tests.Support;

namespace RestoreWeb.Client.Tests.Services;

/// <summary>Uploads carry the antiforgery token the server just handed out; other requests do not need one.</summary>
public sealed class AntiforgeryTests
{
    private static HttpClient Http(FakeApi api) => new(api) { BaseAddress = TestServices.BaseAddress };

    [Fact]
    public async Task A_photo_upload_fetches_a_token_and_sends_it_in_the_header()
    {
        var albumId = Guid.NewGuid();
        var photo = Dtos.Photo(albumId);
        var api = new FakeApi().On(HttpMethod.Post, $"/api/albums/{albumId}/photos",
            _ => FakeApi.Json(new UploadResponse([new UploadedFileDto("wedding.jpg", UploadOutcome.Stored, photo, null)])));
        using var content = new MemoryStream([1, 2, 3]);

        await new PhotosClient(Http(api)).UploadAsync(albumId, "wedding.jpg", "image/jpeg", content, 3, new Progress<long>());

        Assert.Single(api.RequestsTo(HttpMethod.Get, "/api/antiforgery"));
        Assert.Equal(FakeApi.AntiforgeryToken, Assert.Single(api.RequestsTo(HttpMethod.Post, $"/api/albums/{albumId}/photos")).AntiforgeryToken);
    }

    [Fact]
    public async Task A_mask_upload_sends_the_token_and_a_json_call_does_not_ask_for_one()
    {
        var albumId = Guid.NewGuid();
        var photoId = Guid.NewGuid();
        var job = Dtos.Job(photoId, albumId, JobState.Queued, Dtos.T0);
        var api = new FakeApi()
            .On(HttpMethod.Put, $"/api/photos/{photoId}/mask", _ => FakeApi.Json(job))
            .On(HttpMethod.Post, $"/api/photos/{photoId}/jobs", _ => FakeApi.Json(job));
        var jobs = new JobsClient(Http(api));

        await jobs.PutMaskAsync(photoId, [0x89, 0x50], detectScratches: false);
        await jobs.StartAsync(photoId, new StartJobRequest(RepairScratches: true));

        Assert.Equal(FakeApi.AntiforgeryToken, Assert.Single(api.RequestsTo(HttpMethod.Put, $"/api/photos/{photoId}/mask")).AntiforgeryToken);
        Assert.Null(Assert.Single(api.RequestsTo(HttpMethod.Post, $"/api/photos/{photoId}/jobs")).AntiforgeryToken);
        Assert.Single(api.RequestsTo(HttpMethod.Get, "/api/antiforgery"));
    }
}

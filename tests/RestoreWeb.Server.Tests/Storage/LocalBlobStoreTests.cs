using RestoreWeb.Server.Storage;
using RestoreWeb.Testing;

namespace RestoreWeb.Server.Tests.Storage;

public sealed class LocalBlobStoreTests : BlobStoreContract
{
    private readonly string _root = TestEnvironment.NewTempDirectory("blobs");

    public override Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    protected override Task<IBlobStore> CreateStoreAsync() => Task.FromResult<IBlobStore>(new LocalBlobStore(_root));

    [Fact]
    public async Task Blobs_are_files_under_the_root_and_no_scratch_file_is_left_behind()
    {
        using (var content = new MemoryStream([7, 7, 7]))
        {
            await Store.PutAsync("results/p/j.png", content, "image/png");
        }

        Assert.Equal([7, 7, 7], await File.ReadAllBytesAsync(Path.Combine(_root, "results", "p", "j.png")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, ".incoming")));
        Assert.True(await Store.DeleteAsync("results/p/j.png"));
        Assert.False(Directory.Exists(Path.Combine(_root, "results")), "Emptied folders are removed with their last blob.");
    }
}

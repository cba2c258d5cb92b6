using RestoreWeb.Server.Storage;

namespace RestoreWeb.Server.Tests.Storage;

/// <summary>
/// What every blob store provider must do, run against each real provider: the local disk and Azure Blob
/// Storage (Azurite). A provider passes this or it is not a provider.
/// </summary>
public abstract class BlobStoreContract : IAsyncLifetime
{
    private IBlobStore? _store;

    protected IBlobStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.EnsureReadyAsync();
        // Creating twice is harmless: several processes start at once.
        await _store.EnsureReadyAsync();
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A new, empty store for one test.</summary>
    protected abstract Task<IBlobStore> CreateStoreAsync();

    [Fact]
    public async Task A_stored_blob_reads_back_byte_for_byte()
    {
        byte[] content = RandomBytes(3 * 1024 * 1024 + 17, seed: 1);
        await PutAsync("originals/a.jpg", content);

        Assert.Equal(content, await ReadAsync("originals/a.jpg"));
        Assert.True(await Store.ExistsAsync("originals/a.jpg"));
    }

    [Fact]
    public async Task An_empty_blob_is_a_blob()
    {
        await PutAsync("masks/p/empty.png", []);

        Assert.Empty(await ReadAsync("masks/p/empty.png"));
        Assert.Equal([new BlobEntry("masks/p/empty.png", 0)], await ListAsync("masks/"));
    }

    [Fact]
    public async Task Storing_under_an_existing_name_replaces_the_blob_and_does_not_add_one()
    {
        await PutAsync("results/p/j.png", RandomBytes(5000, seed: 2));
        byte[] second = RandomBytes(1234, seed: 3);

        await PutAsync("results/p/j.png", second);

        Assert.Equal(second, await ReadAsync("results/p/j.png"));
        Assert.Equal([new BlobEntry("results/p/j.png", 1234)], await ListAsync("results/"));
    }

    [Fact]
    public async Task A_stream_that_cannot_seek_is_stored_whole()
    {
        byte[] content = RandomBytes(200_000, seed: 4);
        await using (var once = new ForwardOnlyStream(content))
        {
            await Store.PutAsync("originals/streamed.tif", once, "image/tiff");
        }

        Assert.Equal(content, await ReadAsync("originals/streamed.tif"));
    }

    [Fact]
    public async Task Reading_a_missing_blob_says_which_one_is_missing()
    {
        var missing = await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.OpenReadAsync("originals/none.jpg"));

        Assert.Equal("originals/none.jpg", missing.Name);
        Assert.False(await Store.ExistsAsync("originals/none.jpg"));
    }

    [Fact]
    public async Task Deleting_reports_whether_there_was_something_to_delete()
    {
        await PutAsync("thumbnails/t.jpg", [1, 2, 3]);

        Assert.True(await Store.DeleteAsync("thumbnails/t.jpg"));
        Assert.False(await Store.DeleteAsync("thumbnails/t.jpg"));
        Assert.False(await Store.ExistsAsync("thumbnails/t.jpg"));
        Assert.Empty(await ListAsync("thumbnails/"));
    }

    [Fact]
    public async Task Listing_by_prefix_returns_matching_names_in_ordinal_order_with_their_lengths()
    {
        await PutAsync("results/p10/c.png", new byte[3]);
        await PutAsync("results/p1/b.png", new byte[2]);
        await PutAsync("results/p1/a.png", new byte[1]);
        await PutAsync("masks/p1/a.png", new byte[4]);

        Assert.Equal(
            [new BlobEntry("results/p1/a.png", 1), new BlobEntry("results/p1/b.png", 2)],
            await ListAsync("results/p1/"));
        Assert.Equal(["results/p1/a.png", "results/p1/b.png", "results/p10/c.png"], (await ListAsync("results/p1")).Select(e => e.Name));
        Assert.Equal(["masks/p1/a.png", "results/p1/a.png", "results/p1/b.png", "results/p10/c.png"], (await ListAsync("")).Select(e => e.Name));
        Assert.Empty(await ListAsync("models/"));
    }

    [Fact]
    public async Task Deleting_by_prefix_removes_exactly_the_blobs_under_it()
    {
        await PutAsync("results/p1/a.png", new byte[1]);
        await PutAsync("results/p1/b.png", new byte[1]);
        await PutAsync("results/p10/c.png", new byte[1]);
        await PutAsync("masks/p1/a.png", new byte[1]);

        Assert.Equal(2, await Store.DeleteByPrefixAsync("results/p1/"));

        Assert.Equal(["masks/p1/a.png", "results/p10/c.png"], (await ListAsync("")).Select(e => e.Name));
        Assert.Equal(0, await Store.DeleteByPrefixAsync("results/p1/"));
    }

    [Theory]
    [InlineData("../escape.jpg")]
    [InlineData("originals/../../escape.jpg")]
    [InlineData("/etc/passwd")]
    [InlineData("originals//a.jpg")]
    [InlineData("originals/.hidden")]
    [InlineData("originals\\a.jpg")]
    [InlineData("originals/a b.jpg")]
    [InlineData("originals/")]
    [InlineData("")]
    public async Task Names_that_could_escape_or_hide_are_refused_by_every_operation(string name)
    {
        using var content = new MemoryStream([1]);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(name, content, "image/jpeg"));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync(name));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ExistsAsync(name));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync(name));
        Assert.Empty(await ListAsync(""));
    }

    [Theory]
    [InlineData("../")]
    [InlineData("/")]
    [InlineData("results/../")]
    public async Task Prefixes_that_could_escape_are_refused(string prefix)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ListAsync(prefix));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteByPrefixAsync(prefix));
    }

    private async Task PutAsync(string name, byte[] content)
    {
        using var stream = new MemoryStream(content);
        await Store.PutAsync(name, stream, "application/octet-stream");
    }

    private async Task<byte[]> ReadAsync(string name)
    {
        await using var stream = await Store.OpenReadAsync(name);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private async Task<List<BlobEntry>> ListAsync(string prefix)
    {
        var entries = new List<BlobEntry>();
        await foreach (var entry in Store.ListAsync(prefix))
        {
            entries.Add(entry);
        }
        return entries;
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Like a request body: readable once, front to back, with no length.</summary>
    private sealed class ForwardOnlyStream(byte[] content) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            // Short reads, as a network stream gives them.
            int n = Math.Min(Math.Min(count, 4096), content.Length - _position);
            Array.Copy(content, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using RestoreWeb.Client.Services;

namespace RestoreWeb.Client.Tests.Services;

public sealed class ProgressStreamContentTests
{
    [Fact]
    public async Task Reports_the_running_byte_count_as_the_content_is_written_and_sends_every_byte()
    {
        byte[] data = [.. Enumerable.Range(0, 150_000).Select(i => (byte)i)];
        var reports = new List<long>();
        using var content = new ProgressStreamContent(new MemoryStream(data), data.Length, new CallbackProgress<long>(reports.Add));
        using var sink = new MemoryStream();

        await content.CopyToAsync(sink);

        Assert.Equal(data, sink.ToArray());
        Assert.Equal([65_536, 131_072, 150_000], reports);
        Assert.Equal(data.Length, content.Headers.ContentLength);
    }

    [Fact]
    public void Disposing_the_content_closes_the_file_stream()
    {
        var source = new MemoryStream([1, 2, 3]);
        var content = new ProgressStreamContent(source, 3, new CallbackProgress<long>(_ => { }));

        content.Dispose();

        Assert.False(source.CanRead);
    }
}

using Microsoft.Extensions.Options;

namespace RestoreWeb.Server.Hosting;

/// <summary>The absolute paths of everything the server keeps on its own disk, created on first use.</summary>
public sealed class DataFolders
{
    public DataFolders(IOptions<RestoreWebOptions> options, IHostEnvironment environment)
    {
        var value = options.Value;
        Root = Path.GetFullPath(value.DataDirectory, environment.ContentRootPath);
        Blobs = Path.GetFullPath(value.Storage.LocalPath ?? "blobs", Root);
        HangfireDatabase = Path.GetFullPath(value.Jobs.HangfireDatabasePath ?? "hangfire.db", Root);
        UploadScratch = Path.Combine(Root, "uploads");
    }

    public string Root { get; }

    public string Blobs { get; }

    public string HangfireDatabase { get; }

    /// <summary>Uploads are streamed here while they are checked; each file is deleted when its request ends.</summary>
    public string UploadScratch { get; }

    public string AppDatabaseConnectionString(DatabaseOptions database) =>
        database.ConnectionString ?? $"Data Source={Path.Combine(Root, "restoreweb.db")}";

    public string EnsureCreated(string folder)
    {
        Directory.CreateDirectory(folder);
        return folder;
    }
}

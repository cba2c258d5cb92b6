namespace RestoreWeb.Server.Hosting;

/// <summary>Everything the server reads from configuration section "RestoreWeb".</summary>
public sealed class RestoreWebOptions
{
    public const string SectionName = "RestoreWeb";

    /// <summary>Where the SQLite databases, local blobs and upload scratch files live; relative to the content root.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>
    /// What this process does: serve people (Web), run restorations (Worker), or both. The command line's
    /// <c>--role web</c> / <c>--role worker</c> sets it; see <see cref="RestoreWebRoles"/>.
    /// </summary>
    public RestoreWebRoles Role { get; set; } = RestoreWebRoles.All;

    /// <summary>
    /// The address people reach the site at, for links the server writes (password reset). Null uses the address
    /// of the request that asked for the link, which is right unless a proxy rewrites it.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    public UploadOptions Uploads { get; set; } = new();

    public DatabaseOptions Database { get; set; } = new();

    public BlobStorageOptions Storage { get; set; } = new();

    public JobOptions Jobs { get; set; } = new();

    public ModelOptions Models { get; set; } = new();

    public AccountOptions Accounts { get; set; } = new();
}

public sealed class UploadOptions
{
    /// <summary>Largest accepted file; a 50 MP 16-bit uncompressed TIFF scan is about 300 MB.</summary>
    public long MaxFileBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Largest accepted width × height, checked from the header before anything is decoded.</summary>
    public long MaxPixels { get; set; } = 50_000_000;

    public int MaxFilesPerRequest { get; set; } = 100;

    /// <summary>Longest side of the JPEG thumbnails shown in albums.</summary>
    public int ThumbnailSize { get; set; } = 320;

    /// <summary>Largest accepted mask PNG; a mask compresses well, so this is generous.</summary>
    public long MaxMaskBytes { get; set; } = 64L * 1024 * 1024;
}

public enum DatabaseProvider
{
    /// <summary>Files in the data directory: one machine, the default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by any number of web and worker processes; Hangfire's queue lives there too.</summary>
    Postgres,
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// SQLite: null is a file restoreweb.db in the data directory. PostgreSQL: required (a secret: keep it in the
    /// environment); the application tables go to the connection's default schema, Hangfire's to "hangfire".
    /// </summary>
    public string? ConnectionString { get; set; }
}

public enum BlobStorageProvider
{
    Local,
    Azure,
}

public sealed class BlobStorageOptions
{
    public BlobStorageProvider Provider { get; set; } = BlobStorageProvider.Local;

    /// <summary>Local provider: the folder holding the blobs; null is "blobs" in the data directory.</summary>
    public string? LocalPath { get; set; }

    /// <summary>Azure provider: a storage account connection string (a secret: keep it out of the repository).</summary>
    public string? AzureConnectionString { get; set; }

    public string AzureContainer { get; set; } = "restoreweb";
}

public sealed class JobOptions
{
    /// <summary>
    /// Run restorations in this process; false makes a web-only process that just queues them. The role decides
    /// first: <c>--role web</c> never runs them, <c>--role worker</c> always does.
    /// </summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>
    /// Restorations run at once in this process. Each uses all cores (or the one GPU), so the default is one; give a
    /// machine with several GPUs one worker process per GPU rather than a larger count.
    /// </summary>
    public int WorkerCount { get; set; } = 1;

    /// <summary>Hangfire's SQLite database (SQLite provider only); null is hangfire.db in the data directory.</summary>
    public string? HangfireDatabasePath { get; set; }

    /// <summary>How often an idle worker looks for queued jobs.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a job fetched by a worker that died stays invisible before another worker takes it. On PostgreSQL a
    /// live worker keeps extending it (sliding), so it need not exceed the longest restoration there.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Most often a running job writes its progress to the database (and notices a cancellation).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A running job whose worker has written nothing for this long is taken to be dead.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A worker process silent for this long is dropped from Hangfire's server list (the dashboard, the worker count
    /// in queue estimates); live servers report at a quarter of it, at most every 30 s.
    /// </summary>
    public TimeSpan ServerTimeout { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>The parts a RestoreWeb process can play; any number of each may share one database and blob store.</summary>
[Flags]
public enum RestoreWebRoles
{
    /// <summary>The site, the APIs and the Hangfire dashboard; queues jobs but runs none.</summary>
    Web = 1,

    /// <summary>The Hangfire server on queue "restore"; over HTTP it answers only /health, so an orchestrator can probe it.</summary>
    Worker = 2,

    All = Web | Worker,
}

public sealed class ModelOptions
{
    /// <summary>A model package registered at start-up and made production if no model is; relative to the content root or an ancestor.</summary>
    public string? DefaultPackage { get; set; } = "models/starter.zip";

    /// <summary>Packages dropped into this folder are registered (and validated) by a worker; null turns the watch off.</summary>
    public string? ImportFolder { get; set; }

    public TimeSpan ImportPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Architecture presets a package may declare; another preset is refused at registration.</summary>
    public IList<string> KnownPresets { get; set; } = ["official", "compact"];

    /// <summary>The validation gate fails a version whose mean PSNR on the built-in evaluation set is below this.</summary>
    public double MinValidationPsnrDb { get; set; } = 15;

    /// <summary>Administrators' compare previews are restored at this long side at most.</summary>
    public int ComparePreviewSize { get; set; } = 768;
}

public sealed class AccountOptions
{
    /// <summary>This e-mail becomes an administrator when it registers; the first account always does.</summary>
    public string? AdminEmail { get; set; }

    /// <summary>Bytes of originals an account may store unless an administrator set its own quota.</summary>
    public long DefaultUploadQuotaBytes { get; set; } = 20L * 1024 * 1024 * 1024;
}

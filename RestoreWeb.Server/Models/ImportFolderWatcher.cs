using Microsoft.Extensions.Options;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Server.Hosting;

namespace RestoreWeb.Server.Models;

/// <summary>
/// Registers the packages dropped into RestoreWeb:Models:ImportFolder: each .zip that has stopped growing is
/// registered (and validated), then moved to imported/, or to rejected/ with a .txt naming the problem.
/// Registration recognises an archive it already has, so two processes watching one folder do no harm.
/// </summary>
public sealed partial class ImportFolderWatcher(
    IServiceScopeFactory scopes,
    IOptions<RestoreWebOptions> options,
    TimeProvider clock,
    ILogger<ImportFolderWatcher> logger) : BackgroundService
{
    public const string ImportedFolder = "imported";
    public const string RejectedFolder = "rejected";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var models = options.Value.Models;
        if (string.IsNullOrWhiteSpace(models.ImportFolder))
        {
            return;
        }
        string folder = Path.GetFullPath(models.ImportFolder);
        Directory.CreateDirectory(folder);
        LogWatching(logger, folder);
        using var timer = new PeriodicTimer(models.ImportPollInterval, clock);
        do
        {
            try
            {
                await ImportReadyAsync(folder, models.ImportPollInterval, stoppingToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogFolderProblem(logger, folder, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass over the folder; public so that tests need not wait for the timer.</summary>
    public async Task<int> ImportReadyAsync(string folder, TimeSpan settle, CancellationToken cancellationToken)
    {
        int handled = 0;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*.zip").OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            // A file still being copied in keeps changing; take it once it has been still for one interval.
            if (clock.GetUtcNow().UtcDateTime - file.LastWriteTimeUtc < settle)
            {
                continue;
            }
            await using var scope = scopes.CreateAsyncScope();
            var registry = scope.ServiceProvider.GetRequiredService<IModelRegistry>();
            try
            {
                ModelRegistration registration;
                await using (var stream = file.OpenRead())
                {
                    registration = await registry.RegisterAsync(stream, file.Name, ModelAudit.ImportFolderActor, cancellationToken);
                }
                Move(file, Path.Combine(folder, ImportedFolder));
                LogImported(logger, file.Name, registration.Version.Name, registration.Version.Version, registration.Version.Status.ToString(), registration.AlreadyRegistered);
            }
            catch (ModelPackageException e)
            {
                string rejected = Move(file, Path.Combine(folder, RejectedFolder));
                await File.WriteAllTextAsync(rejected + ".txt", e.Message + Environment.NewLine, cancellationToken);
                LogRejected(logger, file.Name, e.Message);
            }
            handled++;
        }
        return handled;
    }

    private static string Move(FileInfo file, string targetFolder)
    {
        Directory.CreateDirectory(targetFolder);
        string target = Path.Combine(targetFolder, file.Name);
        for (int n = 2; File.Exists(target); n++)
        {
            target = Path.Combine(targetFolder, $"{Path.GetFileNameWithoutExtension(file.Name)}-{n}{file.Extension}");
        }
        file.MoveTo(target);
        return target;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Folder} for model packages to register.")]
    private static partial void LogWatching(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model import folder {Folder} cannot be read: {Problem}")]
    private static partial void LogFolderProblem(ILogger logger, string folder, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {File} as {Name} {Version} ({Status}; already registered: {Already}).")]
    private static partial void LogImported(ILogger logger, string file, string name, string version, string status, bool already);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {File} from the import folder: {Problem}")]
    private static partial void LogRejected(ILogger logger, string file, string problem);
}

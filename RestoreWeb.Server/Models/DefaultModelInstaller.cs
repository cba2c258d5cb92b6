using Microsoft.Extensions.Options;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Hosting;

namespace RestoreWeb.Server.Models;

/// <summary>
/// Gives a fresh installation a working model: at start-up the configured default package is registered and made
/// production, unless an administrator already chose a production model. A missing or broken package leaves the
/// server running without a model; <see cref="ModelHealthCheck"/> says so and jobs fail with a clear reason.
/// </summary>
public sealed partial class DefaultModelInstaller(
    IModelRegistry registry,
    ModelAliasMoves moves,
    IOptions<RestoreWebOptions> options,
    IHostEnvironment environment,
    DefaultModelStatus status,
    ILogger<DefaultModelInstaller> logger)
{
    public async Task InstallAsync(CancellationToken cancellationToken = default)
    {
        if (await registry.FindByAliasAsync(ModelAlias.Production, cancellationToken) is not null)
        {
            return;
        }
        string? configured = options.Value.Models.DefaultPackage;
        if (string.IsNullOrWhiteSpace(configured))
        {
            status.Problem = "No default model package is configured (RestoreWeb:Models:DefaultPackage).";
            return;
        }
        string? path = Locate(configured, environment.ContentRootPath);
        if (path is null)
        {
            status.Problem = $"The default model package '{configured}' was not found next to the server.";
            LogMissing(logger, configured, environment.ContentRootPath);
            return;
        }
        try
        {
            await using var file = File.OpenRead(path);
            var version = (await registry.RegisterAsync(file, Path.GetFileName(path), ModelAudit.DefaultPackageActor, cancellationToken)).Version;
            if (version.Status != ModelVersionStatus.Validated)
            {
                status.Problem = $"The default model package '{path}' did not pass validation; see Administration → Models.";
                LogFailedValidation(logger, path);
                return;
            }
            // Another process starting at the same moment may have promoted it already.
            if (await registry.FindByAliasAsync(ModelAlias.Production, cancellationToken) is null)
            {
                await moves.PromoteAsync(version.Id, ModelAlias.Production, "Default package installed on a fresh installation.", ModelAudit.DefaultPackageActor, cancellationToken);
            }
            LogInstalled(logger, version.Name, version.Version, path);
        }
        catch (ModelAdministrationException e)
        {
            status.Problem = $"The default model package '{path}' could not be made production: {e.Message}";
            LogBroken(logger, path, e.Message);
        }
        catch (ModelPackageException e)
        {
            status.Problem = $"The default model package '{path}' cannot be used: {e.Message}";
            LogBroken(logger, path, e.Message);
        }
    }

    /// <summary>An absolute path as is; a relative one under the content root or, for a run from the build output, one of its ancestors.</summary>
    public static string? Locate(string configured, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configured);
        if (Path.IsPathFullyQualified(configured))
        {
            return File.Exists(configured) ? configured : null;
        }
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, configured);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No restoration model is installed: the default package '{Package}' was not found under {ContentRoot} or its parent folders. Jobs will fail until an administrator adds a model.")]
    private static partial void LogMissing(ILogger logger, string package, string contentRoot);

    [LoggerMessage(Level = LogLevel.Error, Message = "The default model package {Path} cannot be used: {Problem}")]
    private static partial void LogBroken(ILogger logger, string path, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "The default model package {Path} did not pass the validation gate; it is registered but not production.")]
    private static partial void LogFailedValidation(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed model {Name} {Version} from {Path} as production.")]
    private static partial void LogInstalled(ILogger logger, string name, string version, string path);
}

/// <summary>Why the default model could not be installed in this process, for the health report.</summary>
public sealed class DefaultModelStatus
{
    public string? Problem { get; set; }
}

using Microsoft.Extensions.Options;

namespace RestoreWeb.Server.Hosting;

/// <summary>Refuses to start with settings that would only fail later, naming the key to fix.</summary>
public sealed class RestoreWebOptionsValidation : IValidateOptions<RestoreWebOptions>
{
    public ValidateOptionsResult Validate(string? name, RestoreWebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Section = RestoreWebOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add($"{Section}:DataDirectory must name a folder.");
        }
        if (options.Uploads.MaxFileBytes <= 0 || options.Uploads.MaxPixels <= 0 || options.Uploads.MaxFilesPerRequest <= 0 || options.Uploads.MaxMaskBytes <= 0)
        {
            failures.Add($"{Section}:Uploads limits (MaxFileBytes, MaxPixels, MaxFilesPerRequest, MaxMaskBytes) must be positive.");
        }
        if (options.Uploads.ThumbnailSize is < 16 or > 4096)
        {
            failures.Add($"{Section}:Uploads:ThumbnailSize must be between 16 and 4096 pixels.");
        }
        if (options.Database.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.Database.ConnectionString))
        {
            failures.Add($"{Section}:Database:ConnectionString is required when {Section}:Database:Provider is Postgres.");
        }
        if (options.Role == 0 || (options.Role & ~RestoreWebRoles.All) != 0)
        {
            failures.Add($"{Section}:Role (or --role) must be Web, Worker or both (\"web,worker\").");
        }
        if (options.Storage.Provider == BlobStorageProvider.Azure && string.IsNullOrWhiteSpace(options.Storage.AzureConnectionString))
        {
            failures.Add($"{Section}:Storage:AzureConnectionString is required when {Section}:Storage:Provider is Azure.");
        }
        if (options.Storage.Provider == BlobStorageProvider.Azure && string.IsNullOrWhiteSpace(options.Storage.AzureContainer))
        {
            failures.Add($"{Section}:Storage:AzureContainer must name a container.");
        }
        if (options.Jobs.WorkerCount is < 1 or > 64)
        {
            failures.Add($"{Section}:Jobs:WorkerCount must be between 1 and 64.");
        }
        if (options.Jobs.QueuePollInterval <= TimeSpan.Zero || options.Jobs.ProgressInterval <= TimeSpan.Zero
            || options.Jobs.InvisibilityTimeout <= TimeSpan.Zero || options.Jobs.StaleAfter <= options.Jobs.ProgressInterval
            || options.Jobs.ServerTimeout < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Section}:Jobs intervals must be positive, StaleAfter longer than ProgressInterval and ServerTimeout at least a second.");
        }
        if (options.Models.ImportPollInterval <= TimeSpan.Zero || options.Models.ComparePreviewSize < 64)
        {
            failures.Add($"{Section}:Models:ImportPollInterval must be positive and ComparePreviewSize at least 64.");
        }
        if (options.Models.KnownPresets.Count == 0)
        {
            failures.Add($"{Section}:Models:KnownPresets must name at least one preset.");
        }
        if (options.Accounts.DefaultUploadQuotaBytes <= 0)
        {
            failures.Add($"{Section}:Accounts:DefaultUploadQuotaBytes must be positive.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

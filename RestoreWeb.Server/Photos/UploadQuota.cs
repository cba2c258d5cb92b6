using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Hosting;

namespace RestoreWeb.Server.Photos;

/// <summary>How many bytes of originals an account may keep: its own quota set by an administrator, else the default.</summary>
public sealed class UploadQuota(RestoreWebDbContext db, IOptions<RestoreWebOptions> options)
{
    public const string ErrorCode = "QuotaExceeded";

    public long Default => options.Value.Accounts.DefaultUploadQuotaBytes;

    public async Task<(long Used, long Quota)> UsageAsync(string ownerId, CancellationToken cancellationToken)
    {
        long used = await db.Photos.Where(p => p.OwnerId == ownerId).SumAsync(p => (long?)p.SizeBytes, cancellationToken) ?? 0;
        long? own = await db.Users.Where(u => u.Id == ownerId).Select(u => u.UploadQuotaBytes).FirstOrDefaultAsync(cancellationToken);
        return (used, own ?? Default);
    }

    /// <summary>Why a file of <paramref name="bytes"/> cannot be stored, or null when it fits.</summary>
    public async Task<string?> RefusalAsync(string ownerId, long bytes, CancellationToken cancellationToken)
    {
        var (used, quota) = await UsageAsync(ownerId, cancellationToken);
        if (used + bytes <= quota)
        {
            return null;
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"This file ({ByteSizes.Describe(bytes)}) does not fit: your photos use {ByteSizes.Describe(used)} of your {ByteSizes.Describe(quota)} storage. Delete some photos or ask an administrator for more space.");
    }
}

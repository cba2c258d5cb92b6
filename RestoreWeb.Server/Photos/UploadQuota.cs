using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Hosting;

namespace RestoreWeb.Server.Photos;

/// <summary>
/// How many bytes of originals an account may keep: its own quota set by an administrator, else the default. The
/// space a photo uses is its row, so the check that counts matters only at the moment the row is written:
/// <see cref="SaveWithinQuotaAsync"/> counts and writes in one transaction that holds the account's row, so two
/// uploads of one account (through any web processes) cannot both fit into the last free bytes.
/// </summary>
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

    /// <summary>
    /// Why a file of <paramref name="bytes"/> cannot be stored, or null when it fits now. A cheap early answer that
    /// spares storing a file that clearly does not fit; only <see cref="SaveWithinQuotaAsync"/> decides.
    /// </summary>
    public async Task<string?> RefusalAsync(string ownerId, long bytes, CancellationToken cancellationToken)
    {
        var (used, quota) = await UsageAsync(ownerId, cancellationToken);
        return used + bytes <= quota ? null : Describe(bytes, used, quota);
    }

    /// <summary>
    /// Saves the pending changes (a new photo of <paramref name="bytes"/>) if the account still has the room, and
    /// returns null; otherwise saves nothing and returns why. The account's row is written first, which takes its
    /// row lock on PostgreSQL and the database's write lock on SQLite: a second upload of the same account waits
    /// there, and then counts the first one's photo.
    /// </summary>
    public async Task<string?> SaveWithinQuotaAsync(string ownerId, long bytes, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Users.Where(u => u.Id == ownerId)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.UploadQuotaBytes, u => u.UploadQuotaBytes), cancellationToken);
        if (await RefusalAsync(ownerId, bytes, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private static string Describe(long bytes, long used, long quota) =>
        string.Create(CultureInfo.InvariantCulture,
            $"This file ({ByteSizes.Describe(bytes)}) does not fit: your photos use {ByteSizes.Describe(used)} of your {ByteSizes.Describe(quota)} storage. Delete some photos or ask an administrator for more space.");
}

using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace RestoreWeb.Server.Data;

/// <summary>
/// The application database: accounts, albums, photos, jobs, model versions and the data-protection keys. This type
/// is the SQLite database and owns the migrations in Data/Migrations; <see cref="PostgresRestoreWebDbContext"/> is
/// the same model on PostgreSQL with its own migrations. Everything else asks for this type and gets whichever the
/// configuration chose.
/// </summary>
public class RestoreWebDbContext : IdentityDbContext<RestoreWebUser>, IDataProtectionKeyContext
{
    public RestoreWebDbContext(DbContextOptions<RestoreWebDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider-specific subclass, whose own options type keeps its migrations apart.</summary>
    protected RestoreWebDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Album> Albums => Set<Album>();

    public DbSet<Photo> Photos => Set<Photo>();

    public DbSet<RestorationJob> Jobs => Set<RestorationJob>();

    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();

    public DbSet<ModelAlias> ModelAliases => Set<ModelAlias>();

    public DbSet<ModelAuditEntry> ModelAudit => Set<ModelAuditEntry>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<ServerSetting> Settings => Set<ServerSetting>();

    // Shared by every web process, so that a cookie issued by one is read by all.
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Times are UTC everywhere; SQLite forgets the kind, so it is restored on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Album>(album =>
        {
            album.Property(a => a.Name).HasMaxLength(Album.MaxNameLength);
            album.HasIndex(a => new { a.OwnerId, a.CreatedAt });
            album.HasOne<RestoreWebUser>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Photo>(photo =>
        {
            photo.Property(p => p.FileName).HasMaxLength(Photo.MaxFileNameLength);
            photo.Property(p => p.Format).HasConversion<string>().HasMaxLength(16);
            photo.Property(p => p.Sha256).HasMaxLength(64);
            photo.HasIndex(p => new { p.OwnerId, p.Sha256 }).IsUnique();
            photo.HasIndex(p => new { p.AlbumId, p.UploadedAt });
            photo.HasOne(p => p.Album).WithMany(a => a.Photos).HasForeignKey(p => p.AlbumId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RestorationJob>(job =>
        {
            job.Property(j => j.State).HasConversion<string>().HasMaxLength(16);
            job.Property(j => j.ResultFormat).HasConversion<string>().HasMaxLength(16);
            job.HasIndex(j => new { j.OwnerId, j.UpdatedAt });
            job.HasIndex(j => new { j.State, j.QueuedAt });
            job.HasIndex(j => new { j.PhotoId, j.CreatedAt });
            job.HasOne(j => j.Photo).WithMany(p => p.Jobs).HasForeignKey(j => j.PhotoId).OnDelete(DeleteBehavior.Cascade);
            job.HasOne(j => j.ModelVersion).WithMany().HasForeignKey(j => j.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ModelVersion>(version =>
        {
            version.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
            version.Property(v => v.Sha256).HasMaxLength(64);
            version.HasIndex(v => v.Sha256).IsUnique();
            version.HasIndex(v => new { v.Name, v.Version });
            version.Property(v => v.Source).HasMaxLength(32);
            version.Property(v => v.Preset).HasMaxLength(64);
            version.Property(v => v.RegisteredBy).HasMaxLength(256);
        });

        builder.Entity<ModelAuditEntry>(entry =>
        {
            entry.Property(e => e.Actor).HasMaxLength(256);
            entry.Property(e => e.Action).HasMaxLength(32);
            entry.Property(e => e.Alias).HasMaxLength(64);
            entry.Property(e => e.FromVersion).HasMaxLength(200);
            entry.Property(e => e.ToVersion).HasMaxLength(200);
            entry.Property(e => e.Comment).HasMaxLength(ModelAuditEntry.MaxCommentLength);
            entry.HasIndex(e => new { e.Alias, e.Id });
        });

        builder.Entity<ApiToken>(token =>
        {
            token.Property(t => t.Name).HasMaxLength(ApiToken.MaxNameLength);
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasOne<RestoreWebUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ServerSetting>(setting =>
        {
            setting.HasKey(s => s.Key);
            setting.Property(s => s.Key).HasMaxLength(128);
            setting.Property(s => s.Value).HasMaxLength(1024);
        });

        builder.Entity<ModelAlias>(alias =>
        {
            alias.HasKey(a => a.Name);
            alias.Property(a => a.Name).HasMaxLength(64);
            alias.HasOne(a => a.ModelVersion).WithMany().HasForeignKey(a => a.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

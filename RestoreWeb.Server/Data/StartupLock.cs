using Microsoft.Extensions.Options;
using Npgsql;
using RestoreWeb.Server.Hosting;

namespace RestoreWeb.Server.Data;

/// <summary>
/// Lets one process at a time run the start-up steps (migrations, Hangfire's schema, roles, the default model) when
/// several start together against one database. Each step is idempotent, so the processes that wait find the work
/// done; the lock only keeps them from racing (two migrators, two "first" promotions of the default model).
/// PostgreSQL: a session advisory lock, released when its connection closes, so a process that dies holding it
/// blocks nobody. SQLite: an exclusive lock on a file next to the databases.
/// </summary>
public sealed class StartupLock(IOptions<RestoreWebOptions> options, DataFolders folders)
{
    // Any constant shared by every RestoreWeb process; the ASCII of "RstrWeb1".
    private const long AdvisoryLockKey = 0x5273_7472_5765_6231;

    public async Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        var database = options.Value.Database;
        return database.Provider == DatabaseProvider.Postgres
            ? await PostgresLock.AcquireAsync(database.ConnectionString!, cancellationToken)
            : await FileLock.AcquireAsync(Path.Combine(folders.EnsureCreated(folders.Root), "startup.lock"), cancellationToken);
    }

    private sealed class PostgresLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public static async Task<PostgresLock> AcquireAsync(string connectionString, CancellationToken cancellationToken)
        {
            // Outside any pool: the lock belongs to this session, which must end with it.
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
                command.Parameters.AddWithValue("key", AdvisoryLockKey);
                await command.ExecuteNonQueryAsync(cancellationToken);
                return new PostgresLock(connection);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", AdvisoryLockKey);
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                // Closing the session releases the lock anyway.
                await connection.DisposeAsync();
            }
        }
    }

    private sealed class FileLock(FileStream file) : IAsyncDisposable
    {
        public static async Task<FileLock> AcquireAsync(string path, CancellationToken cancellationToken)
        {
            while (true)
            {
                try
                {
                    return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException)
                {
                    // Another process holds it.
                    await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
                }
            }
        }

        public ValueTask DisposeAsync() => file.DisposeAsync();
    }
}

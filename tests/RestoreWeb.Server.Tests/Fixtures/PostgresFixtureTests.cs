using Npgsql;
using RestoreWeb.Testing.Services;

namespace RestoreWeb.Server.Tests.Fixtures;

public sealed class PostgresFixtureTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Connects_and_answers_a_query()
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 6 * 7, current_user", connection);
        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal(42, reader.GetInt32(0));
        Assert.Equal("postgres", reader.GetString(1));
    }

    [Fact]
    public async Task Creates_isolated_databases_that_keep_their_rows()
    {
        string first = await postgres.CreateDatabaseAsync("fixture");
        string second = await postgres.CreateDatabaseAsync("fixture");
        Assert.NotEqual(first, second);

        await using (var connection = new NpgsqlConnection(first))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(
                "CREATE TABLE photos (id serial PRIMARY KEY, name text); INSERT INTO photos (name) VALUES ('a.jpg'), ('b.png');",
                connection);
            await create.ExecuteNonQueryAsync();
        }

        await using (var connection = new NpgsqlConnection(first))
        {
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM photos", connection);
            Assert.Equal(2L, await count.ExecuteScalarAsync());
        }

        await using (var connection = new NpgsqlConnection(second))
        {
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT to_regclass('public.photos') IS NULL", connection);
            Assert.Equal(true, await exists.ExecuteScalarAsync());
        }
    }
}

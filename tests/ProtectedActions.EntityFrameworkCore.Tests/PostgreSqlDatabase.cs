using Npgsql;

namespace ProtectedActions.EntityFrameworkCore.Tests;

/// <summary>
/// A fresh database on the PostgreSQL server named by <c>PROTECTED_ACTIONS_POSTGRES</c> (set by
/// <c>.ci/components/postgresql</c>), dropped on dispose. Without the variable the test is ignored, saying how to run it,
/// unless <c>PROTECTED_ACTIONS_REQUIRE_COMPONENTS=1</c> (then it fails).
/// </summary>
internal sealed class PostgreSqlDatabase : IAsyncDisposable
{
    public const string Variable = "PROTECTED_ACTIONS_POSTGRES";
    public const string HowToRun = "PostgreSQL tests need a server: run `. .ci/components/postgresql` (starts a throwaway cluster on 127.0.0.1 and exports "
        + Variable + "), then `dotnet test tests/ProtectedActions.EntityFrameworkCore.Tests`; .ci/run does this.";

    private readonly string _server;
    private readonly string _name;

    private PostgreSqlDatabase(string server, string name, string connectionString)
    {
        _server = server;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static string ServerOrIgnore(string variable = Variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(value))
        {
            return value;
        }

        if (Environment.GetEnvironmentVariable("PROTECTED_ACTIONS_REQUIRE_COMPONENTS") == "1")
        {
            Assert.Fail(variable + " is not set but PROTECTED_ACTIONS_REQUIRE_COMPONENTS=1. " + HowToRun);
        }

        Assert.Ignore(HowToRun);
        return "";
    }

    public static async Task<PostgreSqlDatabase> CreateAsync()
    {
        var server = ServerOrIgnore();
        var name = "pa_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new PostgreSqlDatabase(server, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The server may be gone (a failed restart test); the cluster is thrown away anyway.
        }
    }
}

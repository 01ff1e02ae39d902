using System.Text.Json;
using Alba;
using Ledger.Api.Auth;
using Ledger.Api.Hosting;
using Ledger.Api.Tests.Registry;
using Ledger.Integrity;
using Ledger.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// The ledger on two roles, as <c>ops/run</c> runs it: the <c>migrate</c> verb runs as the schema's owner and grants the
/// application's role what it needs; the host connects as that role, migrates nothing and works in full; and that role
/// cannot change recorded history or the schema, whatever SQL it sends.
/// </summary>
public sealed class ConnectingAsTheApplicationRole(ConnectingAsTheApplicationRole.TwoRoles api) : IClassFixture<ConnectingAsTheApplicationRole.TwoRoles>
{
    public const string Owner = "ledger_test_owner";
    public const string Application = "ledger_test_app";

    readonly RegistryScenario given = new(api);

    /// <summary>A host connected as <see cref="Application"/> over a schema the <c>migrate</c> verb made as <see cref="Owner"/>.</summary>
    public sealed class TwoRoles() : LedgerApiFactory(TestDatabase.SchemaFor(typeof(TwoRoles)) + "_" + Guid.NewGuid().ToString("N")[..6], ownsSchema: true), IAsyncLifetime
    {
        readonly string checkpointKey = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.pem");

        public static string As(string role, string? applicationName = null) =>
            new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Username = role, ApplicationName = applicationName, Pooling = applicationName is not null }.ConnectionString;

        public new async Task InitializeAsync()
        {
            await CreateRolesAsync();
            var settings = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["LEDGER_DB"] = As(Owner),
                ["Ledger__Schema"] = Schema,
                ["Ledger__Database__ApplicationRole"] = Application,
                ["Ledger__Auth__SigningKey"] = SigningKey,
                [LedgerSecrets.NikHashSecret.Replace(":", "__")] = NikHashSecret,
                [LedgerSecrets.CheckpointKeyFile.Replace(":", "__")] = checkpointKey,
            };
            using var migrate = new ApiProcess(Path.Combine(AppContext.BaseDirectory, "Ledger.Api.dll"), 0, settings);
            using var minutes = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await migrate.RunVerbAsync(minutes.Token, "migrate");
            await base.InitializeAsync();
        }

        public new async Task DisposeAsync()
        {
            await base.DisposeAsync();
            File.Delete(checkpointKey);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Ledger", As(Application, Schema));
            builder.UseSetting(LedgerConfiguration.Migrate, "false");
        }

        static async Task CreateRolesAsync()
        {
            await using var command = TestDatabase.DataSource.CreateCommand($$"""
                DO $$
                BEGIN
                    BEGIN CREATE ROLE {{Owner}} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END;
                    BEGIN CREATE ROLE {{Application}} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END;
                    EXECUTE format('GRANT CONNECT, CREATE ON DATABASE %I TO {{Owner}}', current_database());
                    EXECUTE format('GRANT CONNECT ON DATABASE %I TO {{Application}}', current_database());
                END $$
                """);
            await command.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task the_host_connected_as_the_application_role_records_a_certificate_projects_it_and_signs_a_checkpoint()
    {
        var (_, number) = await given.IssuedAsync();

        var lookup = await api.Host.GetAsJson<JsonElement>($"/api/verify/{number}");
        lookup.GetProperty("status").GetString().ShouldBe("valid");
        var analyst = api.Token(LedgerRoles.Analyst);
        await Eventually.HoldsAsync(async () =>
        {
            var page = await (await api.Host.Scenario(x =>
            {
                x.WithBearerToken(analyst);
                x.Get.Url("/api/analytics/regencies?regency=36.04");
            })).ReadAsJsonAsync<JsonElement>();
            return page.GetProperty("total").GetInt64() > 0;
        }, "the daemon, connected as the application role, to count the certificate");
        (await api.Services.GetRequiredService<LedgerIntegrity>().WriteCheckpointAsync()).ShouldNotBeNull();
        await api.Host.Scenario(x =>
        {
            x.Get.Url("/health/ready");
            x.StatusCodeShouldBeOk();
        });
        (await StoredExpiries.InAsync(api.Schema)).ShouldContain(e => e.Status == "Scheduled", "the certificate's expiry, stored by Wolverine as the application role");
    }

    [Theory]
    [InlineData("update {0}.mt_events set data = '{{}}'")]
    [InlineData("delete from {0}.mt_events")]
    [InlineData("truncate {0}.mt_events")]
    [InlineData("alter table {0}.mt_events disable trigger all")]
    [InlineData("drop trigger ledger_events_not_updated on {0}.mt_events")]
    [InlineData("update {0}.ledger_checkpoints set signature = '\\x00'")]
    [InlineData("delete from {0}.ledger_checkpoints")]
    [InlineData("alter table {0}.ledger_checkpoints disable trigger all")]
    [InlineData("create table {0}.forged (id int)")]
    [InlineData("drop table {0}.mt_streams")]
    [InlineData("create or replace function {0}.ledger_refuse_event_change_v1() returns trigger as 'begin return new; end' language plpgsql")]
    public async Task the_application_role_cannot_change_history_or_the_schema(string statement)
    {
        await given.IssuedAsync();
        await api.Services.GetRequiredService<LedgerIntegrity>().WriteCheckpointAsync();
        var before = await HistoryAsync();

        await using var connection = new NpgsqlConnection(TwoRoles.As(Application));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(string.Format(statement, $"\"{api.Schema}\""), connection);
        var refused = await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, refused.MessageText);
        (await HistoryAsync()).ShouldBe(before);
        (await api.Services.GetRequiredService<LedgerIntegrity>().VerifyAsync()).Intact.ShouldBeTrue();
    }

    /// <summary>Every event and checkpoint as stored, in order, read as the superuser.</summary>
    async Task<string> HistoryAsync() => await TestDatabase.ScalarAsync<string>(
        $"select coalesce((select string_agg(e.seq_id || ':' || md5(e::text), ',' order by e.seq_id) from \"{api.Schema}\".mt_events e), '') || '|' || " +
        $"coalesce((select string_agg(c.number || ':' || md5(c::text), ',' order by c.number) from \"{api.Schema}\".ledger_checkpoints c), '')");
}

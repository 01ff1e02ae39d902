using Ledger.Api.Auth;
using Ledger.Api.Hosting;
using Ledger.Testing;

namespace Ledger.Api.Tests.Hosting;

/// <summary>
/// The executable's verbs, run as an operator runs them (<c>ops/run &lt;verb&gt;</c> execs the same dll), in production
/// mode: the answer on stdout, progress and messages on stderr, and the exit code.
/// </summary>
public sealed class RunningVerbs : IAsyncLifetime
{
    readonly string schema = TestDatabase.SchemaFor(typeof(RunningVerbs));
    readonly string checkpointKey = Path.Combine(Path.GetTempPath(), $"{TestDatabase.SchemaFor(typeof(RunningVerbs))}.pem");

    public Task InitializeAsync() => TestDatabase.DropSchemaAsync(schema);

    public async Task DisposeAsync()
    {
        await TestDatabase.DropSchemaAsync(schema);
        File.Delete(checkpointKey);
    }

    /// <summary>The settings <c>ops/run</c> gives a verb, over this class's schema.</summary>
    Dictionary<string, string> Settings(string? database = null) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["LEDGER_DB"] = database ?? TestDatabase.ConnectionString,
        ["Ledger__Schema"] = schema,
        ["Ledger__Auth__SigningKey"] = LedgerApiFactory.SigningKey,
        [LedgerSecrets.NikHashSecret.Replace(":", "__")] = LedgerApiFactory.NikHashSecret,
        [LedgerSecrets.CheckpointKeyFile.Replace(":", "__")] = checkpointKey,
    };

    /// <summary>Runs the executable (copied beside the tests with its runtime settings) with <paramref name="args"/>, for at most a minute.</summary>
    static async Task<(int ExitCode, string Output, string Errors)> RunAsync(Dictionary<string, string> settings, params string[] args)
    {
        using var executable = new ApiProcess(Path.Combine(AppContext.BaseDirectory, "Ledger.Api.dll"), 0, settings);
        using var minute = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        return await executable.RunVerbForExitCodeAsync(minute.Token, args);
    }

    [Fact]
    public async Task token_prints_nothing_but_a_token_the_host_accepts_and_needs_no_database()
    {
        var (exitCode, output, _) = await RunAsync(Settings(database: "Host=127.0.0.1;Port=1;Database=nowhere"),
            "token", "registrar", "--name", "Rina Marlina", "--hours", "2");

        exitCode.ShouldBe(0);
        output.ShouldNotContain('\n');
        var tokens = new LedgerTokens(new LedgerAuthOptions { SigningKey = LedgerApiFactory.SigningKey }, TimeProvider.System);
        var (principal, failure) = tokens.Validate(output, "test");
        failure.ShouldBeNull();
        principal!.Identity!.Name.ShouldBe("Rina Marlina");
        principal.IsInRole(LedgerRoles.Registrar).ShouldBeTrue();
    }

    [Fact]
    public async Task token_for_a_role_that_does_not_exist_fails_naming_the_roles()
    {
        var (exitCode, output, errors) = await RunAsync(Settings(), "token", "janitor");

        exitCode.ShouldBe(1);
        output.ShouldBeEmpty();
        errors.ShouldContain("registrar, agency, auditor, analyst");
    }

    [Fact]
    public async Task help_lists_the_ledgers_verbs_beside_martens_and_wolverines_on_stderr()
    {
        var (exitCode, output, errors) = await RunAsync(Settings(), "help");

        exitCode.ShouldBe(0);
        output.ShouldBeEmpty();
        foreach (var verb in new[] { "token", "migrate", "rebuild", "import", "verify", "checkpoint", "seed-demo", "db-apply", "db-assert", "projections", "codegen", "storage", "describe" })
            errors.ShouldContain($"  {verb} ");
    }

    [Fact]
    public async Task a_host_missing_a_secret_stops_before_serving_with_exit_1_and_the_reason()
    {
        var settings = Settings();
        settings.Remove(LedgerSecrets.NikHashSecret.Replace(":", "__"));

        var (exitCode, _, errors) = await RunAsync(settings, "--urls", "http://127.0.0.1:5489");

        exitCode.ShouldBe(1);
        errors.ShouldContain($"error: {LedgerSecrets.NikHashSecret} is not set");
    }

    [Fact]
    public async Task import_regencies_loads_a_list_named_by_its_second_word()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"{schema}.csv");
        await File.WriteAllTextAsync(csv, "code,name,kind,province_code,province_name\n35.23,Kabupaten Tuban,kabupaten,35,Jawa Timur\n");
        try
        {
            var (exitCode, output, _) = await RunAsync(Settings(), "import", "regencies", csv);

            exitCode.ShouldBe(0);
            output.ShouldBe("imported 1 regencies");
            (await TestDatabase.ScalarAsync<string>($"select name from \"{schema}\".regencies where code = '35.23'")).ShouldBe("Kabupaten Tuban");
            (await RunAsync(Settings(), "import", "provinces", csv)).ExitCode.ShouldBe(1);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task import_certificates_names_each_refused_line_prints_the_counts_and_exits_4()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"{schema}-register.csv");
        await File.WriteAllTextAsync(csv,
            "nik,name,gender,birth_year,regency,business,scheme,enrolled_on,assessed_on,assessor,site,units,verdict,panel,decided_on,issued_on,lsp,blanko\n" +
            "3517014101850001,Siti Rahayu,F,1985,35.17,IKM Batik Jombang,PEMBATIK-TULIS,2022-08-01,2022-08-04,Sri Wahyuni,TUK Jombang,C.13BTK01.001.2,K,Endang Lestari,2022-08-10,2022-12-20,LSPBATIK,B-1\n" +
            "3517014101850002,Nur Aini,F,1985,35.17,IKM Batik Jombang,PEMBATIK-TULIS,2022-08-01,2022-08-04,Sri Wahyuni,TUK Jombang,C.13BTK01.001.2,K,Endang Lestari,2022-08-10,20-12-2022,LSPBATIK,B-2\n");
        try
        {
            var (exitCode, output, errors) = await RunAsync(Settings(), "import", "certificates", csv);

            exitCode.ShouldBe(4);
            output.Split('\n').ShouldBe([
                "line 2: refused: No PKS has been recorded for regency 35.17: an enrollment takes a seat of its regency's quota.",
                "line 3: refused: Column issued_on: '20-12-2022' is not a day (yyyy-MM-dd).",
                "0 recorded, 0 already present, 2 refused"]);
            errors.ShouldContain("import: 2 of 2 rows");
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task verbs_on_the_database_build_the_host_without_starting_it_so_no_node_joins_the_cluster()
    {
        foreach (var verb in new[] { "migrate", "verify", "checkpoint", "rebuild" })
        {
            var (exitCode, _, errors) = await RunAsync(Settings(), verb);
            exitCode.ShouldBe(0, $"{verb}: {errors}");
        }

        // migrate makes Wolverine's tables, as the release step it is; a started runtime would record its node there.
        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{schema}\".wolverine_nodes")).ShouldBe(0);
    }

    [Fact]
    public async Task seed_demo_dates_its_certificates_over_this_year_and_the_two_before_it()
    {
        var seeded = await RunAsync(Settings(), "seed-demo", "--certifications", "90");
        seeded.ExitCode.ShouldBe(0, seeded.Errors);

        var years = await TestDatabase.ScalarAsync<int[]>(
            $"select array_agg(distinct substr(data->>'validFrom', 1, 4)::int order by substr(data->>'validFrom', 1, 4)::int) from \"{schema}\".mt_events where type = 'certificate_issued'");
        var thisYear = Ledger.Domain.Days.InJakarta(DateTimeOffset.UtcNow).Year;
        // The last batches start some three weeks back, so early in January this year may have none yet.
        years.ShouldContain(thisYear - 2);
        years.ShouldContain(thisYear - 1);
        years.ShouldAllBe(y => y >= thisYear - 2 && y <= thisYear);

        var kinds = await TestDatabase.ScalarAsync<string[]>(
            $"select array_agg(distinct coalesce(data->>'partnerKind', 'regency') order by coalesce(data->>'partnerKind', 'regency')) from \"{schema}\".mt_events where type = 'mou_signed'");
        kinds.ShouldBe(["ministry-or-agency", "province", "regency", "state-owned-firm"]);
        var trainingYears = await TestDatabase.ScalarAsync<int[]>(
            $"select array_agg(distinct (data->>'year')::int order by (data->>'year')::int) from \"{schema}\".mt_events where type = 'training_programme_planned'");
        trainingYears.ShouldBe([thisYear - 2, thisYear - 1, thisYear]);
        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{schema}\".mt_events where type = 'training_completed'")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task a_seeded_ledger_verifies_intact_until_an_event_is_altered_then_verify_exits_3_naming_it()
    {
        var migrated = await RunAsync(Settings(), "migrate");
        migrated.ExitCode.ShouldBe(0, migrated.Errors);
        migrated.Output.ShouldBe($"schema {schema} migrated (Create); it is up to date");
        var seeded = await RunAsync(Settings(), "seed-demo", "--certifications", "3");
        seeded.ExitCode.ShouldBe(0, seeded.Errors);
        seeded.Errors.ShouldContain("seed-demo: done, 3 certifications");
        var checkpoint = await RunAsync(Settings(), "checkpoint");
        checkpoint.ExitCode.ShouldBe(0, checkpoint.Errors);
        checkpoint.Output.ShouldStartWith("checkpoint 1 signed up to position ");

        var intact = await RunAsync(Settings(), "verify");
        intact.ExitCode.ShouldBe(0, intact.Errors);
        intact.Output.ShouldStartWith("intact ");
        intact.Errors.ShouldContain("verify: ");

        var (stream, version) = await AlterAnEventAsync();
        var (exitCode, output, _) = await RunAsync(Settings(), "verify");

        exitCode.ShouldBe(3);
        output.ShouldStartWith("NOT intact");
        output.ShouldContain($"failure: check event-hash, stream {stream}, version {version}");
    }

    /// <summary>Changes the data of the first event behind the ledger's guard, as a superuser could; returns its stream and version.</summary>
    async Task<(Guid Stream, long Version)> AlterAnEventAsync()
    {
        var trigger = Ledger.Marten.ImmutableEvents.TriggerNames[0];
        await TestDatabase.ExecuteAsync($"alter table \"{schema}\".mt_events disable trigger {trigger}");
        try
        {
            await using var update = TestDatabase.DataSource.CreateCommand(
                $"update \"{schema}\".mt_events set data = data || '{{\"forged\": true}}' where seq_id = (select min(seq_id) from \"{schema}\".mt_events) returning stream_id, version");
            await using var row = await update.ExecuteReaderAsync();
            await row.ReadAsync();
            return (row.GetGuid(0), row.GetInt64(1));
        }
        finally
        {
            await TestDatabase.ExecuteAsync($"alter table \"{schema}\".mt_events enable trigger {trigger}");
        }
    }
}

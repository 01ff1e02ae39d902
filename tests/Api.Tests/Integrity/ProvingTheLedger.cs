using System.Net;
using System.Text.Json;
using Alba;
using Ledger.Api.Tests.Registry;
using Ledger.Integrity;
using Ledger.Marten;
using Ledger.Testing;
using Npgsql;

namespace Ledger.Api.Tests.Integrity;

public sealed class ProvingTheLedger(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    readonly RegistryScenario given = new(api);

    Task<IScenarioResult> Auditor(Action<Scenario> scenario) => api.Host.Scenario(x =>
    {
        x.WithBearerToken(given.Auditor);
        scenario(x);
    });

    [Fact]
    public async Task an_untouched_ledger_verifies_clean_up_to_its_last_position()
    {
        await given.IssuedAsync();

        var report = await (await Auditor(x => x.Get.Url("/api/audit/integrity"))).ReadAsJsonAsync<JsonElement>();

        report.GetProperty("intact").GetBoolean().ShouldBeTrue(report.GetProperty("summary").GetString());
        report.GetProperty("summary").GetString()!.ShouldStartWith("intact up to position");
        report.GetProperty("firstFailure").ValueKind.ShouldBe(JsonValueKind.Null);
        report.GetProperty("eventsChecked").GetInt64().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task a_certificates_proof_checks_out_with_the_published_public_key_alone()
    {
        var (_, number) = await given.IssuedAsync();
        var proofPath = $"/api/audit/certificates/{number}/proof";
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        // A checkpoint covers what every older transaction has settled; other tests' open transactions may hold
        // the first one back, so write checkpoints until one covers the certificate's events.
        async Task<StreamProof> ProofAsync() =>
            JsonSerializer.Deserialize<StreamProof>(await (await Auditor(x => x.Get.Url(proofPath))).ReadAsTextAsync(), json)!;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var written = await Auditor(x =>
            {
                x.Post.Url("/api/audit/checkpoints");
                x.IgnoreStatusCode();
            });
            written.Status().ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.NoContent);
            if ((await ProofAsync()).Events.All(e => e.Inclusion != null)) break;
            await Task.Delay(50);
        }
        var checkpoints = await (await Auditor(x => x.Get.Url("/api/audit/checkpoints"))).ReadAsJsonAsync<JsonElement>();
        checkpoints.GetArrayLength().ShouldBeGreaterThan(0);

        var key = await api.Host.GetAsJson<JsonElement>("/api/integrity/public-key");
        var publicKey = key.GetProperty("publicKeyPem").GetString()!;
        key.GetProperty("keyId").GetString().ShouldBe(api.CheckpointKey.KeyId);
        var proof = await ProofAsync();

        proof.Events.Count.ShouldBe(5);
        proof.Events.ShouldAllBe(e => e.Inclusion != null);
        StreamProof.Check(proof, publicKey).ShouldBeEmpty();
        using var otherKey = CheckpointSigner.Generate();
        StreamProof.Check(proof, otherKey.PublicKeyPem).ShouldNotBeEmpty();
    }
}

public sealed class DetectingTampering(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    readonly RegistryScenario given = new(api);

    async Task<JsonElement> IntegrityAsync() => await (await api.Host.Scenario(x =>
    {
        x.WithBearerToken(given.Auditor);
        x.Get.Url("/api/audit/integrity");
    })).ReadAsJsonAsync<JsonElement>();

    [Fact]
    public async Task altering_an_events_data_by_direct_sql_is_named_with_its_stream_version_position_and_check()
    {
        var (certification, _) = await given.IssuedAsync();
        (await IntegrityAsync()).GetProperty("intact").GetBoolean().ShouldBeTrue();
        long position;
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            await connection.OpenAsync();
            // The ledger refuses the change; a superuser must turn its guard off to make it, and verification still sees it.
            await using var tx = await connection.BeginTransactionAsync();
            await using (var disable = new NpgsqlCommand($"alter table \"{api.Schema}\".mt_events disable trigger {ImmutableEvents.TriggerNames[0]}", connection, tx))
                await disable.ExecuteNonQueryAsync();
            await using var update = new NpgsqlCommand(
                $"update \"{api.Schema}\".mt_events set data = jsonb_set(data, '{{blankoNumber}}', '\"FORGED\"') where stream_id = $1 and version = 5 returning seq_id", connection, tx);
            update.Parameters.Add(new NpgsqlParameter { Value = certification });
            position = (long)(await update.ExecuteScalarAsync())!;
            await using (var enable = new NpgsqlCommand($"alter table \"{api.Schema}\".mt_events enable trigger {ImmutableEvents.TriggerNames[0]}", connection, tx))
                await enable.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }

        var report = await IntegrityAsync();

        report.GetProperty("intact").GetBoolean().ShouldBeFalse();
        var failure = report.GetProperty("firstFailure");
        failure.GetProperty("check").GetString().ShouldBe("event-hash");
        failure.GetProperty("streamId").GetGuid().ShouldBe(certification);
        failure.GetProperty("version").GetInt64().ShouldBe(5);
        failure.GetProperty("position").GetInt64().ShouldBe(position);
        report.GetProperty("summary").GetString()!.ShouldStartWith("NOT intact");
    }
}

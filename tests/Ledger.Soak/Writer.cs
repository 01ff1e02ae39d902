using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ledger.Soak;

/// <summary>
/// One client writing steadily: registers artisans and enrolls them, each command under its own
/// Idempotency-Key, retried with the same key through crashes and outages until it is answered.
/// </summary>
public sealed class Writer(Uri api, string registrarToken, Guid pksId, int number, Counters counters)
{
    static readonly string[] Names = ["Siti Rahayu", "Sri Wahyuni", "Dewi Lestari", "Endang Susilowati", "Rina Marlina", "Nur Aini", "Tri Handayani", "Lina Marlina"];

    readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(2), ConnectTimeout = TimeSpan.FromSeconds(2) })
    {
        BaseAddress = api,
        Timeout = TimeSpan.FromSeconds(15),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", registrarToken) },
    };

    public List<Guid> Artisans { get; } = [];

    public List<Guid> Certifications { get; } = [];

    public async Task RunAsync(CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var nik = $"35{number:D2}{i:D12}";
            var register = await SendAsync("/api/registry/artisans", new
            {
                name = Names[(number + i) % Names.Length], nik, gender = "Female", birthYear = 1980 + i % 20, regencyCode = "35.23",
                businessName = $"IKM Batik Gedog {number}-{i}",
            });
            if (register is null) return;
            if (register.Value.ValueKind == JsonValueKind.Undefined) continue; // an earlier attempt of this command committed
            var artisanId = register.Value.GetProperty("id").GetGuid();
            Artisans.Add(artisanId);

            var enroll = await SendAsync("/api/registry/certifications", new { artisanId, schemeCode = "PEMBATIK-TULIS", pksId });
            if (enroll is null) return;
            if (enroll.Value.ValueKind == JsonValueKind.Undefined) continue;
            Certifications.Add(enroll.Value.GetProperty("id").GetGuid());
        }
    }

    /// <summary>
    /// Sends until a 2xx (the answer). Outages, crashes and 5xx are counted and retried with the same key.
    /// When the API died after committing a command but before it could store the answer under the key,
    /// the retry runs the command again and the domain refuses the duplicate (the same NIK, the same
    /// enrollment): that outcome is counted and returned as an undefined element, never as an acknowledgement.
    /// </summary>
    async Task<JsonElement?> SendAsync(string path, object body)
    {
        var key = Guid.NewGuid().ToString("N");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        var attempts = 0;
        while (DateTime.UtcNow < deadline)
        {
            attempts++;
            counters.Request();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await http.SendAsync(request);
                var status = (int)response.StatusCode;
                if (status is >= 200 and < 300)
                {
                    counters.Acknowledge();
                    return await response.Content.ReadFromJsonAsync<JsonElement>();
                }
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    counters.Unavailable503(response.Headers.RetryAfter is not null);
                else if (status >= 500)
                    counters.ServerError($"{status} {path}: {await response.Content.ReadAsStringAsync()}");
                else if (status == 422 && attempts > 1 && await response.Content.ReadAsStringAsync() is var problem
                         && (problem.Contains("already registered") || problem.Contains("already enrolled")))
                {
                    counters.ResolvedByDomain();
                    return default(JsonElement);
                }
                else if (status is not (409 or 429))
                    throw new InvalidOperationException($"{path} answered {status}: {await response.Content.ReadAsStringAsync()}");
            }
            catch (HttpRequestException) { counters.Refused(); }
            catch (TaskCanceledException) { counters.Hang(); }
            counters.Retry();
            await Task.Delay(250);
        }
        throw new TimeoutException($"{path} was never answered with the same Idempotency-Key within 3 minutes.");
    }
}

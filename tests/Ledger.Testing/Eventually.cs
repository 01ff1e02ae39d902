namespace Ledger.Testing;

/// <summary>Polls a condition until it holds or a deadline passes (generous: other work shares the database).</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            if (await condition()) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited in vain for: {what}.");
            await Task.Delay(50);
        }
    }
}

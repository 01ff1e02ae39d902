using System.Diagnostics;

namespace Ledger.Api.Verbs;

/// <summary>An import's progress on stderr: a bar redrawn in place on a terminal, a plain line per step otherwise.</summary>
public sealed class ImportProgress(int rows, TextWriter error, bool drawn)
{
    const int Width = 30;
    readonly Stopwatch started = Stopwatch.StartNew();

    public void Report(long done)
    {
        var seconds = Math.Max(started.Elapsed.TotalSeconds, 0.001);
        var text = $"{done:N0} of {rows:N0} rows ({done / seconds:N0} rows/s)";
        if (!drawn)
        {
            error.WriteLine($"import: {text}");
            return;
        }
        var filled = rows == 0 ? Width : (int)(Width * done / rows);
        error.Write($"\rimport: [{new string('#', filled)}{new string('-', Width - filled)}] {text}");
    }

    public void Finish()
    {
        if (drawn) error.WriteLine();
        error.WriteLine($"import: done in {started.Elapsed.TotalSeconds:F1} s");
    }
}

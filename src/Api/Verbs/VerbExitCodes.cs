namespace Ledger.Api.Verbs;

/// <summary>
/// What the executable answers: 0 when the verb did its work (or the host served and stopped), 1 when it failed or was
/// misused, and a verb's own answer beyond those: <see cref="NotIntact"/> from <c>verify</c>, <see cref="RowsRefused"/> from <c>import certificates</c>. JasperFx answers 0 or 1,
/// so a verb's own code travels in the process's exit code, which <see cref="Of"/> prefers.
/// </summary>
public static class VerbExitCodes
{
    public const int Done = 0;
    public const int Failed = 1;

    /// <summary><c>verify</c> recomputed the chains and checkpoints and found the ledger not intact.</summary>
    public const int NotIntact = 3;

    /// <summary><c>import certificates</c> recorded what it could and refused at least one row, each named on stdout.</summary>
    public const int RowsRefused = 4;

    /// <summary>Keeps a code other than done or failed for <see cref="Of"/>; true when the verb did its work.</summary>
    internal static bool Answer(int exitCode)
    {
        if (exitCode is not (Done or Failed)) Environment.ExitCode = exitCode;
        return exitCode == Done;
    }

    /// <summary>The process's exit code when a verb or the host's start set one, else JasperFx's.</summary>
    public static int Of(int jasperFxExitCode) => Environment.ExitCode is not Done ? Environment.ExitCode : jasperFxExitCode;
}

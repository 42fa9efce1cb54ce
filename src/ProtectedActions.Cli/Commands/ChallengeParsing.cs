namespace ProtectedActions.Cli.Commands;

/// <summary><c>challenge --parse</c>: what a client reads from a <c>WWW-Authenticate</c> value.</summary>
internal static class ChallengeParsing
{
    public static int Run(string value, TextWriter stdout)
    {
        _ = value;
        _ = stdout;
        throw new CliException("--parse needs the library's challenge parser, which this build does not include yet");
    }
}

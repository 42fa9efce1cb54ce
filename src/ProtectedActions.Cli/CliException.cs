namespace ProtectedActions.Cli;

/// <summary>A problem with the arguments or inputs: reported as one paragraph on stderr with exit code 2, never as a stack trace.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message)
        : base(message)
    {
    }

    public CliException()
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

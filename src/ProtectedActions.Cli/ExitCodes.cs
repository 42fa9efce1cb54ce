namespace ProtectedActions.Cli;

/// <summary>The tool's exit codes (a contract: scripts and CI pipelines rely on them).</summary>
internal static class ExitCodes
{
    /// <summary>Success: no configuration errors (validate), a decision was made (whatif), every test passed (test).</summary>
    public const int Success = 0;
    /// <summary>The configuration has errors (validate), a policy test failed (test), an import rejected objects (import).</summary>
    public const int Failure = 1;
    /// <summary>Bad arguments, or an unreadable or invalid input (configuration, sign-in, test folder).</summary>
    public const int UsageOrInput = 2;
}

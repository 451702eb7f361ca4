using AcrNetCheck.Cli.Commands;
using AcrNetCheck.Core.Collection;
using AcrNetCheck.Core.Evidence;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli;

/// <summary>The one error boundary: every failure becomes one stderr line and a documented exit code; stacks only with --debug.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var debug = args.Contains("--debug");
        try
        {
            // The system's trusted roots load while the command line is parsed and the tool signs in (TrustStoreWarmUp).
            if (CommandTree.Connects(args)) Core.Collection.Cloud.TrustStoreWarmUp.Start();
            using var app = CommandTree.Build(console, args);
            CommandHelp.Apply(app);
            console.Cancellation = cancellationToken;
            return await Task.Run(() => app.Execute(args), cancellationToken);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested)
        {
            // Whatever the interrupted step threw, the user stopped the run: say so, not what the cancellation broke.
            WriteError(console, "interrupted; nothing was written.", ex, debug);
            return ExitCodes.Interrupted;
        }
        catch (Exception ex) when (Classify(ex, args) is { } usage)
        {
            WriteError(console, usage, ex, debug);
            return ExitCodes.Usage;
        }
        catch (CollectionSetupException ex)
        {
            WriteError(console, ex.Message, ex, debug);
            return ex.Failure switch
            {
                SetupFailure.SignInFailed => ExitCodes.SignInFailed,
                SetupFailure.RegistryNotFound => ExitCodes.RegistryNotFound,
                SetupFailure.AzureUnavailable => ExitCodes.AzureUnavailable,
                _ => ExitCodes.Usage,
            };
        }
        catch (OperationCanceledException ex)
        {
            // Not the user's cancellation, and no step turned its timeout into a collection error or a setup failure: a bug.
            WriteError(console, "unexpected failure: a step stopped at the --timeout deadline without reporting what it was waiting for" + (debug ? "" : " (run with --debug for details)"), ex, debug);
            return ExitCodes.Unexpected;
        }
        catch (Exception ex)
        {
            WriteError(console, $"unexpected failure: {ex.GetType().Name}: {ex.Message}" + (debug ? "" : " (run with --debug for details)"), ex, debug);
            return ExitCodes.Unexpected;
        }
    }

    /// <summary>The one-line message for a mistake in the user's input, or null for a real failure.</summary>
    private static string? Classify(Exception ex, string[] args) => ex switch
    {
        // --pull-test samples/hello:latest: the image, read as a stray argument, is what went wrong; say how to write it.
        UnrecognizedCommandParsingException when PullTestOption.SpacedValue(args) is { } spaced => PullTestOption.SpacedValueMessage(spaced),
        UsageException u => u.Message,
        BundleFormatException b => b.Message,
        CommandParsingException p => CommandHelp.ParseErrorLine(p),
        _ => null,
    };

    private static void WriteError(CliConsole console, string message, Exception ex, bool debug)
    {
        // Exception text can carry a server's words (an echoed token, escape sequences): scrubbed and escaped like any output.
        console.Error.WriteLine($"error: {Rendering.DisplayText.Escape(Core.Secrets.SecretScrubber.Scrub(message.ReplaceLineEndings(" ")))}");
        if (debug) console.Error.WriteLine(Core.Secrets.SecretScrubber.Scrub(ex.ToString()));
    }
}

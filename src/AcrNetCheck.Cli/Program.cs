using AcrNetCheck.Cli;

using var signals = new ShutdownSignals();
var exitCode = await CliApp.RunAsync(args, CliConsole.FromProcess(), signals.Token);
// CliApp reports any interruption as Ctrl+C's code; SIGTERM has its own.
return exitCode == ExitCodes.Interrupted && signals.ExitCode is { } signalled ? signalled : exitCode;

using AcrNetCheck.Cli;

return await CliApp.RunAsync(args, CliConsole.FromProcess());

using RestoreWeb.Training.Cli;

return await TrainingCli.RunAsync(args, Console.Out, Console.Error);

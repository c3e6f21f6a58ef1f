using NanshanBot.Commands;

return await CommandLine.RunAsync(args);

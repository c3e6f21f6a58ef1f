namespace NanshanBot.Knowledge.Model;

public enum Language
{
    Chinese,
    English,
}

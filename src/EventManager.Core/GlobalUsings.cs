// "Delegate" is the domain's word for a person attending; System.Delegate is never used here.
global using Delegate = EventManager.Core.Delegates.Delegate;
